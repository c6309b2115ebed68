// How an invocation can go wrong, as one error type with a stable code per way: the handler
// threw, the time or memory cap stopped it, it was aborted, the process ended without a result,
// the result was too big, or the process could not be started. Workflow actions and rule
// targets turn it into their own failure; the message always names the function.
import { ReflexError } from "../core/errors.js";
import type { ThrownError } from "./runner-protocol.js";

/** The ways an invocation fails. */
export type FunctionFailure =
  /** The handler threw (or rejected), or the module threw while loading. */
  | "function_threw"
  | "function_timeout"
  | "function_memory"
  | "function_aborted"
  /** The process ended without a result (process.exit, a native crash). */
  | "function_exited"
  /** The reply was larger than Reflex reads. */
  | "function_result_too_large"
  | "function_cannot_start";

/** An invocation that did not give a result. */
export class FunctionError extends ReflexError {
  constructor(
    readonly failure: FunctionFailure,
    message: string,
    /** What the handler threw, for `function_threw`. */
    readonly thrown?: ThrownError,
    options: { cause?: unknown } = {},
  ) {
    super(failure, message, options);
  }
}
