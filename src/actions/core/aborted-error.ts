// An action stops when its context's signal aborts (the task's timeout, a cancel, a worker that
// lost the task). What it then throws says which action stopped and why, in the words of the
// abort's reason, so the task's error reads "core.sleep was stopped: the execution was
// canceled" rather than a bare "AbortError".
import type { JsonValue } from "../../core/json.js";
import { ActionError } from "../action-error.js";

/** The error of an action stopped by `signal`; `result` is what it had produced, if anything. */
export function abortedError(ref: string, signal: AbortSignal, result?: JsonValue): ActionError {
  return new ActionError(`${ref} was stopped: ${reasonText(signal.reason)}`, {
    code: "action_aborted",
    ...(result === undefined ? {} : { result }),
    cause: signal.reason,
  });
}

function reasonText(reason: unknown): string {
  if (typeof reason === "string" && reason !== "") return reason;
  if (reason instanceof Error && reason.message !== "") return reason.message;
  return "its run was aborted";
}
