// Fields that HTTP-speaking kinds share (a rule's `http` target, a webhook Channel): header
// mappings and absolute http(s) URLs, with the checks their schema cannot state. A header name
// that is not an HTTP token, or a URL without a scheme, would otherwise only fail when the
// first delivery is attempted, far from the line that caused it.
import { Type } from "typebox";
import { pointerSegment } from "../../core/json.js";
import type { NodePart } from "../config-document.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";

/** Header name → value. */
export const Headers = Type.Record(Type.String(), Type.String(), { description: "a mapping of header name to text" });

/** An HTTP field name (RFC 9110 `token`). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A problem for each key of `headers` (at `pointer`) that is not a valid header name. */
export function headerNameProblems(headers: Record<string, string> | undefined, pointer: string, at: ProblemLocator): ConfigProblem[] {
  return Object.keys(headers ?? {}).flatMap((name) => headerProblems(name, `${pointer}/${pointerSegment(name)}`, "key", at));
}

/** A problem when `name` (at `pointer`, or its key) is not a valid header name, else none. */
export function headerProblems(name: string, pointer: string, part: NodePart, at: ProblemLocator): ConfigProblem[] {
  if (HEADER_NAME.test(name)) return [];
  return [at.problem(pointer, `'${name}' is not a valid header name: use letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ only (no spaces or ':')`, part)];
}

/** A problem when `url` (at `pointer`) is not an absolute http or https URL, else none. */
export function httpUrlProblems(url: string, pointer: string, at: ProblemLocator): ConfigProblem[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [at.problem(pointer, `'${url}' is not an absolute URL; write it in full, e.g. https://hooks.example.com/path`)];
  }
  if (parsed.protocol === "http:" || parsed.protocol === "https:") return [];
  return [at.problem(pointer, `the URL must use http or https, not '${parsed.protocol.slice(0, -1)}'`)];
}
