// `type: webhook`: the message as JSON, posted to any URL — for a receiver of one's own, or a
// chat service Reflex has no type for. The body keeps what it always had (`rule`, `event`,
// `message`, and `events` for a group) and adds the message's parts (`kind`, `title`, `fields`,
// `link`). With `hmacSecret`, `X-Reflex-Signature: sha256=<hex HMAC-SHA256 of the body>` lets
// the receiver check the message came from Reflex, as an `http` rule target signs its body.
import { createHmac } from "node:crypto";
import type { WebhookChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import { hasPlaceholders } from "../config/kinds/channel-secrets.js";
import type { ChannelDriver } from "./channel-driver.js";
import { endpointOf, postMessage } from "./http-post.js";
import type { ChannelMessage, NotifySubject } from "./message.js";

/** The header carrying the body's signature. */
export const WEBHOOK_SIGNATURE_HEADER = "X-Reflex-Signature";

/** Prefix of the settings holding header values with secret placeholders. */
const HEADER_SETTING = "header:";

/** The webhook driver of `channel`. */
export function webhookDriver(channel: WebhookChannelSpec): ChannelDriver {
  const settings: Record<string, WebhookChannelSpec["url"]> = { url: channel.url };
  if (channel.hmacSecret !== undefined) settings.hmacSecret = channel.hmacSecret;
  for (const [name, value] of Object.entries(channel.headers)) if (hasPlaceholders(value)) settings[`${HEADER_SETTING}${name}`] = value;
  return {
    settings,
    summary: (message, values) => ({ endpoint: endpointOf(values.url ?? ""), kind: message.kind, title: message.title, signed: channel.hmacSecret !== undefined }),
    async send(message, values, context) {
      const body = JSON.stringify(webhookBody(message, context.subject));
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(channel.headers)) headers[name] = values[`${HEADER_SETTING}${name}`] ?? value;
      if (values.hmacSecret !== undefined) headers[WEBHOOK_SIGNATURE_HEADER] = `sha256=${createHmac("sha256", values.hmacSecret).update(body).digest("hex")}`;
      return postMessage({ url: values.url ?? "", headers, body }, `channel '${channel.name}' (webhook)`, () => null, context.timeoutMs, context.signal);
    },
  };
}

/** The JSON a webhook channel posts. */
export function webhookBody(message: ChannelMessage, subject: NotifySubject): JsonObject {
  const body: JsonObject = { kind: message.kind, title: message.title, message: message.text, fields: message.fields.map((f) => ({ name: f.name, value: f.value })) };
  if (message.link) body.link = { label: message.link.label, url: message.link.url };
  if (subject.rule) body.rule = subject.rule.name;
  if (subject.event) body.event = subject.event;
  if (subject.events) body.events = subject.events;
  return body;
}
