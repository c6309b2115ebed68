// `core.notify`: a workflow task that sends a message through a declared channel — "ins-1
// healed", "please look at ins-2". It goes through the same ChannelSender as a rule's notify
// target: the channel's templates and default messages (given an `event`), its rate limit
// (waiting up to MAX_SLOT_WAIT_MS for a free slot, else failing with a retry that may help),
// its secrets resolved only for the send, and a record in `notifications`. The result says which
// channel took the message and what the vendor answered.
import { ActionError } from "../actions/action-error.js";
import type { ActionDefinition } from "../actions/types.js";
import type { ChannelSpec } from "../config/types.js";
import { ValidationError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import type { ChannelSender } from "./channel-sender.js";
import { DEFAULT_SEND_TIMEOUT_MS } from "./channel-sender.js";
import type { MessageField, MessageOverrides } from "./message.js";

const REF = "core.notify";

/** Longest wait for a free slot of the channel's rate limit before the task fails instead. */
export const MAX_SLOT_WAIT_MS = 30_000;

/** Input of `core.notify`. */
export type NotifyInput = {
  /** A declared channel's name. */
  channel: string;
  /** The message text; absent: the channel's message for `event`. */
  message?: string;
  /** The title (a mail's subject); absent: the default one. */
  title?: string;
  /** The event the message is about: picks the default message and feeds the channel's templates. */
  event?: JsonObject;
  /** Extra fields shown with the message, by name. */
  fields?: Record<string, string | number | boolean>;
};

/** What `core.notify` needs; both are asked at each run (the action may be registered before the store is open). */
export interface NotifyActionDeps {
  /** The sender in use. */
  sender(): ChannelSender;
  /** The channels declared now. */
  channels(): ReadonlyMap<string, ChannelSpec>;
}

/** The `core.notify` action, sending through `deps.sender`. */
export function createNotifyAction(deps: NotifyActionDeps): ActionDefinition<NotifyInput> {
  return {
    ref: REF,
    description: "Sends a message through a declared channel and returns {channel, status, response}; a refused message fails.",
    inputSchema: {
      type: "object",
      additionalProperties: false,
      required: ["channel"],
      properties: {
        channel: { type: "string", minLength: 1, maxLength: 128, description: "a declared channel's name" },
        message: { type: "string", maxLength: 65_536, description: "the message text (markdown-ish); needed unless an event is given" },
        title: { type: "string", minLength: 1, maxLength: 1_024 },
        event: { type: "object", description: "the event the message is about" },
        fields: { type: "object", maxProperties: 50, additionalProperties: { type: ["string", "number", "boolean"] } },
      },
    },
    // A send, and a wait for the rate limit before it.
    timeoutMs: MAX_SLOT_WAIT_MS + DEFAULT_SEND_TIMEOUT_MS + 5_000,
    async run(input, ctx) {
      if (input.message === undefined && input.event === undefined) {
        throw new ValidationError(`${REF} input: give 'message' (the text to send) or 'event' (to send the channel's message for it)`, { pointer: "/message" });
      }
      const channel = deps.channels().get(input.channel);
      if (!channel) {
        const names = [...deps.channels().keys()].sort();
        throw new ValidationError(`${REF} input /channel: channel '${input.channel}' is not declared; declare it with 'kind: Channel'${names.length > 0 ? ` or use one of: ${names.join(", ")}` : ""}`, { pointer: "/channel" });
      }
      const outcome = await deps.sender().send({
        channel,
        subject: input.event === undefined ? {} : { event: input.event },
        overrides: overridesOf(input),
        origin: `execution ${ctx.executionId} task ${ctx.taskId}`,
        signal: ctx.signal,
        rateSlot: { maxWaitMs: MAX_SLOT_WAIT_MS },
      });
      const result: JsonObject = { channel: channel.name, status: outcome.status, response: { status: outcome.httpStatus, body: outcome.response }, notification: outcome.id };
      ctx.log.info(`channel '${channel.name}' (${channel.type}): ${outcome.status}${outcome.httpStatus === null ? "" : `, answer ${outcome.httpStatus}`}`);
      if (outcome.status === "sent") return result;
      throw new ActionError(outcome.error ?? `channel '${channel.name}' did not take the message`, {
        code: outcome.status === "limited" ? "notify_rate_limited" : "notify_failed",
        retryable: !outcome.permanent,
        result: { ...result, error: outcome.error },
      });
    },
  };
}

function overridesOf(input: NotifyInput): MessageOverrides {
  const overrides: MessageOverrides = {};
  if (input.message !== undefined) overrides.text = input.message;
  if (input.title !== undefined) overrides.title = input.title;
  if (input.fields !== undefined) overrides.fields = Object.entries(input.fields).map(([name, value]): MessageField => ({ name, value: String(value) }));
  return overrides;
}
