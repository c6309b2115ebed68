// `core.echo`: returns its message, and writes it to the task's log. The simplest action with
// an input and a result, for trying templates and transitions.
import type { ActionDefinition } from "../types.js";

/** Input of `core.echo`. */
export type EchoInput = { message: string };

/** `core.echo {message}` → `{message}`; each line of the message also goes to stdout. */
export const echoAction: ActionDefinition<EchoInput> = {
  ref: "core.echo",
  description: "Returns its message as {message} and writes it to the task log.",
  inputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["message"],
    properties: { message: { type: "string", maxLength: 65_536, description: "the text to return" } },
  },
  timeoutMs: 10_000,
  run: (input, ctx) => {
    for (const line of input.message.split("\n")) ctx.log.stdout(line);
    return Promise.resolve({ message: input.message });
  },
};
