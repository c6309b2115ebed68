// `core.noop`: does nothing and succeeds with `{}`. A task that only joins branches, publishes
// values or routes with `next` needs an action that costs nothing.
import type { ActionDefinition } from "../types.js";

/** Input of `core.noop`: nothing. */
export type NoopInput = Record<string, never>;

/** `core.noop` → `{}`. */
export const noopAction: ActionDefinition<NoopInput> = {
  ref: "core.noop",
  description: "Does nothing and succeeds with an empty result.",
  inputSchema: { type: "object", additionalProperties: false },
  timeoutMs: 10_000,
  run: () => Promise.resolve({}),
};
