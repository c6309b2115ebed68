// `core.sleep`: waits a number of seconds, then succeeds. It holds a worker slot while it
// waits, so it is for short pauses (tests, letting a change settle); a long wait belongs in a
// task's `delay`, which is a stored timer. Stops at once when its signal aborts.
import { setTimeout as sleep } from "node:timers/promises";
import type { ActionDefinition } from "../types.js";
import { abortedError } from "./aborted-error.js";

/** Longest sleep: one day. */
export const MAX_SLEEP_SECONDS = 86_400;

/** Input of `core.sleep`. */
export type SleepInput = { seconds: number };

/** `core.sleep {seconds}` → `{slept: seconds}`. */
export const sleepAction: ActionDefinition<SleepInput> = {
  ref: "core.sleep",
  description: "Waits the given number of seconds (at most a day), then returns {slept}.",
  inputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["seconds"],
    properties: { seconds: { type: "number", minimum: 0, maximum: MAX_SLEEP_SECONDS, description: "how long to wait, in seconds" } },
  },
  // The longest sleep, and a minute to spare.
  timeoutMs: (MAX_SLEEP_SECONDS + 60) * 1000,
  run: async (input, ctx) => {
    try {
      await sleep(input.seconds * 1000, undefined, { signal: ctx.signal });
    } catch (err) {
      if (ctx.signal.aborted) throw abortedError("core.sleep", ctx.signal);
      throw err;
    }
    return { slept: input.seconds };
  },
};
