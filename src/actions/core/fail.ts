// `core.fail`: fails on purpose, with the given message. Tests and demos of `retry`, `next`
// with `$failed()` and fail-fast need a task that fails; so does a workflow branch that must
// stop with a message of its own.
import { ActionError } from "../action-error.js";
import type { ActionDefinition } from "../types.js";

/** Input of `core.fail`. */
export type FailInput = { message?: string; retryable?: boolean };

/** `core.fail {message}`: throws `ActionError(message)`, retryable unless `retryable: false`. */
export const failAction: ActionDefinition<FailInput> = {
  ref: "core.fail",
  description: "Fails with the given message (an ActionError, retryable unless retryable: false).",
  inputSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      message: { type: "string", maxLength: 65_536, description: "the error message" },
      retryable: { type: "boolean", description: "whether a retry may help; default true" },
    },
  },
  timeoutMs: 10_000,
  run: (input) => Promise.reject(new ActionError(input.message ?? "core.fail failed on purpose", { retryable: input.retryable ?? true })),
};
