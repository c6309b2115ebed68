// Puts a message together for one send: the default message for its subject, then the
// channel's template for that kind of message (and an email channel's subject template), then
// what the caller gave (a rule target's `message`, the `core.notify` action's `title`, `message`
// and `fields`), which wins. Templates see what a rule's templates see — `event`, `data`, `rule`,
// `now`, `events` for a group — plus `message`, the default message, so a template can wrap it.
import type { ChannelSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import { TemplateError, compileTemplate } from "../expr/index.js";
import type { TemplateContext } from "../expr/index.js";
import { defaultMessage, messageKind } from "./default-messages.js";
import type { ChannelMessage, MessageField, MessageOverrides, NotifySubject } from "./message.js";

/** A channel template that failed to render; sending again would fail the same way. */
export class ChannelTemplateError extends ReflexError {
  constructor(channel: string, err: TemplateError) {
    super("channel_template_failed", `channel '${channel}': ${err.message}`, { status: 400, location: { pointer: err.pointer } });
  }
}

/** What a message is put together from. */
export interface ComposeInput {
  channel: ChannelSpec;
  subject: NotifySubject;
  overrides: MessageOverrides;
  /** Base of the links in messages (`https://reflex.example.com`); none: no links. */
  publicUrl: string | undefined;
  now: number;
}

/** The message to send; rejects with a ChannelTemplateError when a channel template fails. */
export async function composeMessage(input: ComposeInput): Promise<ChannelMessage> {
  const { channel, subject, overrides } = input;
  const kind = messageKind(subject);
  const message = defaultMessage(subject, kind, input.publicUrl);
  const context = templateContext(subject, message, input.now);
  const template = kind === "plain" ? undefined : channel.templates?.[kind];
  if (overrides.text !== undefined) message.text = overrides.text;
  else if (template !== undefined) message.text = await render(channel.name, template, `/templates/${kind}`, context);
  if (overrides.title !== undefined) message.title = overrides.title;
  else if (channel.type === "email" && channel.subject !== undefined) message.title = await render(channel.name, channel.subject, "/subject", context);
  if (overrides.fields !== undefined) message.fields = mergeFields(message.fields, overrides.fields);
  return message;
}

/** The names a channel's templates see. */
function templateContext(subject: NotifySubject, message: ChannelMessage, now: number): TemplateContext {
  const event = subject.event ?? {};
  const context: Record<string, JsonValue> = {
    event,
    data: event.data ?? null,
    rule: subject.rule ? { name: subject.rule.name, labels: subject.rule.labels } : null,
    now: formatRfc3339(now),
    message: messageJson(message),
  };
  if (subject.events !== undefined) context.events = subject.events;
  return context;
}

function messageJson(message: ChannelMessage): JsonObject {
  const json: JsonObject = { title: message.title, text: message.text, fields: message.fields.map((f) => ({ name: f.name, value: f.value })) };
  if (message.link) json.link = { label: message.link.label, url: message.link.url };
  return json;
}

/** A template's result as text (a non-string value as JSON). */
async function render(channel: string, template: string, pointer: string, context: TemplateContext): Promise<string> {
  try {
    const value = await compileTemplate(template, pointer).render(context);
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch (err) {
    if (err instanceof TemplateError) throw new ChannelTemplateError(channel, err);
    throw err;
  }
}

/** `base` with `extra` added; a field of `extra` replaces the one of `base` with its name. */
function mergeFields(base: readonly MessageField[], extra: readonly MessageField[]): MessageField[] {
  const names = new Set(extra.map((f) => f.name));
  return [...base.filter((f) => !names.has(f.name)), ...extra];
}
