// What Reflex and a function's runner process say to each other. The request goes down the
// child's stdin as one JSON text (never argv or the environment, so secrets stay out of `ps`
// and `/proc/<pid>/environ`); the reply comes back on file descriptor 3, also one JSON text,
// read by Reflex up to a cap. The function's own console output is the child's stdout and
// stderr, which Reflex reads as log lines.
import type { JsonObject, JsonValue } from "../core/json.js";

/** File descriptor of the child on which the reply is written. */
export const REPLY_FD = 3;

/** Most bytes of a handler's result, as JSON. */
export const MAX_RESULT_BYTES = 1024 * 1024;

/** Most bytes of a reply Reflex reads (the result plus room for the envelope or an error). */
export const MAX_REPLY_BYTES = MAX_RESULT_BYTES + 64 * 1024;

/** The context a handler receives (without `getRemainingTimeInMillis`, which the runner adds). */
export interface HandlerContextData {
  function_name: string;
  /** This invocation's id, in Reflex's logs too. */
  request_id: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  /** The Function's declared secrets, by name. */
  secrets: Record<string, string>;
  /** What started the invocation: `{type: "workflow", …}` or `{type: "rule", …}`. */
  trigger: JsonObject;
}

/** One invocation, as the runner reads it from stdin. */
export interface RunnerRequest {
  /** The module's code (CommonJS). */
  code: string;
  /** Absolute path the module runs as. */
  filename: string;
  event: JsonValue;
  context: HandlerContextData;
  /** Epoch milliseconds by which the invocation is stopped. */
  deadline: number;
}

/** An error the handler threw (or the module threw while loading). */
export interface ThrownError {
  name: string;
  message: string;
  /** The stack frames of the function's own code, without the runner's or Node's internals. */
  stack: string;
}

/** How the handler ended: its result as JSON text, or what it threw. */
export type RunnerReply = { ok: true; result: string } | { ok: false; error: ThrownError };
