// `type: slack`: a Slack incoming webhook (`https://hooks.slack.com/services/…`, the token in
// the path). The message goes as Block Kit `blocks` — a header with the title, a section with
// the text, sections of fields (ten at most per section), a button for the link — with `text`
// as the fallback notifications and old clients show. Slack's mrkdwn is not markdown: `&`, `<`
// and `>` are escaped, `**bold**` becomes `*bold*` and `[label](url)` becomes `<url|label>`.
// Slack answers `200 ok`, or an error status with a word (`400 invalid_payload`,
// `404 no_service`).
import type { SlackChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import type { ChannelDriver } from "./channel-driver.js";
import { endpointOf, postMessage } from "./http-post.js";
import type { ChannelMessage } from "./message.js";
import { cutChars, plainMessage } from "./message-text.js";

/** Slack's limits, in characters: header text, section text, one field, the fallback text. */
const HEADER_CHARS = 150;
const SECTION_CHARS = 3000;
const FIELD_CHARS = 2000;
const FIELDS_PER_SECTION = 10;

/** The Slack driver of `channel`. */
export function slackDriver(channel: SlackChannelSpec): ChannelDriver {
  return {
    settings: { url: channel.url },
    summary: (message, values) => ({ endpoint: endpointOf(values.url ?? ""), kind: message.kind, title: message.title }),
    send: (message, values, context) =>
      postMessage(
        { url: values.url ?? "", headers: {}, body: JSON.stringify(slackBody(message)) },
        `channel '${channel.name}' (Slack)`,
        (body) => (body.trim() === "ok" ? null : `unexpected answer '${body.slice(0, 200)}'`),
        context.timeoutMs,
        context.signal,
      ),
  };
}

/** The request body for `message`. */
export function slackBody(message: ChannelMessage): JsonObject {
  const blocks: JsonObject[] = [{ type: "header", text: { type: "plain_text", text: cutChars(message.title, HEADER_CHARS), emoji: true } }];
  if (message.text !== "") blocks.push({ type: "section", text: { type: "mrkdwn", text: cutChars(mrkdwn(message.text), SECTION_CHARS) } });
  for (let i = 0; i < message.fields.length; i += FIELDS_PER_SECTION) {
    const fields = message.fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({ type: "mrkdwn", text: cutChars(`*${escape(f.name)}*\n${escape(f.value)}`, FIELD_CHARS) }));
    blocks.push({ type: "section", fields });
  }
  if (message.link) {
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: cutChars(message.link.label, 75) }, url: message.link.url }] });
  }
  return { text: cutChars(plainMessage(message), SECTION_CHARS), blocks };
}

/** Markdown-ish text as Slack mrkdwn. */
export function mrkdwn(text: string): string {
  return escape(text)
    .replace(/\*\*(.+?)\*\*/g, "*$1*")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "<$2|$1>");
}

/** Slack's three control characters, escaped. */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
