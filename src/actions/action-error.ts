// The error an action throws to fail its task: a message a person can act on, whether trying
// again may help, and an optional result to keep (a command's exit code and output, an HTTP
// response) so the failure can be read and tested in `next` conditions.
import type { JsonValue } from "../core/json.js";
import { ReflexError } from "../core/errors.js";

export class ActionError extends ReflexError {
  /** False when the same input will fail again (bad input, permission denied). */
  readonly retryable: boolean;
  /** What the action produced before failing, kept as the task's result. */
  readonly result: JsonValue | undefined;

  constructor(message: string, options: { retryable?: boolean; result?: JsonValue; code?: string; cause?: unknown } = {}) {
    super(options.code ?? "action_failed", message, options.cause === undefined ? {} : { cause: options.cause });
    this.retryable = options.retryable ?? true;
    this.result = options.result;
  }
}
