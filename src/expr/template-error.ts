// The one error type of `expr/`: a JSONata expression that does not parse, fails while it runs,
// breaks a guard rail (time, depth, size) or returns something that is not JSON. It names the
// expression, where the template sits in its document (JSON pointer) and JSONata's own
// position and message, so a person can find and fix the text.
import { ReflexError } from "../core/errors.js";

/** What went wrong, as JSONata or our guard rails reported it. */
export interface TemplateErrorDetail {
  /** The JSONata expression (the text between `{{` and `}}`). */
  expression: string;
  /** JSON pointer of the template string in its document ("" for the root). */
  pointer: string;
  /** What went wrong, in words. */
  reason: string;
  /** JSONata's error code (`S0201`, `D1012`, …) when it came from JSONata. */
  jsonataCode?: string;
  /** Character offset into the expression that JSONata points at, when known. */
  position?: number;
}

/** A template or expression could not be compiled or evaluated. */
export class TemplateError extends ReflexError {
  readonly expression: string;
  readonly pointer: string;
  readonly jsonataCode: string | undefined;
  readonly position: number | undefined;

  constructor(detail: TemplateErrorDetail, cause?: unknown) {
    const where = detail.position === undefined ? "" : ` at position ${detail.position}`;
    const code = detail.jsonataCode === undefined ? "" : ` (${detail.jsonataCode})`;
    const message = `template at ${detail.pointer === "" ? "/" : detail.pointer}: ${detail.reason}${code}${where} in {{ ${detail.expression} }}`;
    super("template_error", message, { status: 400, location: { pointer: detail.pointer }, cause });
    this.expression = detail.expression;
    this.pointer = detail.pointer;
    this.jsonataCode = detail.jsonataCode;
    this.position = detail.position;
  }
}
