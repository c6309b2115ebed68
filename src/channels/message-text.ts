// A message laid out as text, the way most vendors take it: as markdown (WeCom, DingTalk,
// Feishu cards) or as plain text (text messages, mail), and cut to a vendor's size limit
// without splitting a character (WeCom counts bytes, Slack characters).
import { utf8Prefix } from "../actions/utf8-prefix.js";
import type { ChannelMessage } from "./message.js";

/** What a cut text ends with. */
const ELLIPSIS = "…";

/** The text, the fields (`**Name:** value`, one per line) and the link, as markdown, without the title. */
export function markdownBody(message: ChannelMessage): string {
  const parts = [message.text];
  if (message.fields.length > 0) parts.push(message.fields.map((f) => `**${f.name}:** ${f.value}`).join("\n"));
  if (message.link) parts.push(`[${message.link.label}](${message.link.url})`);
  return parts.filter((p) => p !== "").join("\n\n");
}

/** The whole message as markdown: the title as a heading, then `markdownBody`. */
export function markdownMessage(message: ChannelMessage): string {
  return `### ${message.title}\n\n${markdownBody(message)}`;
}

/** The message as plain text: title, text, `Name: value` lines and `label: url`. */
export function plainMessage(message: ChannelMessage, withTitle = true): string {
  const parts = withTitle ? [message.title, message.text] : [message.text];
  if (message.fields.length > 0) parts.push(message.fields.map((f) => `${f.name}: ${f.value}`).join("\n"));
  if (message.link) parts.push(`${message.link.label}: ${message.link.url}`);
  return parts.filter((p) => p !== "").join("\n\n");
}

/** `text` cut to at most `maxBytes` of UTF-8, ending in an ellipsis when cut. */
export function cutBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.byteLength <= maxBytes) return text;
  const room = maxBytes - Buffer.byteLength(ELLIPSIS);
  return `${Buffer.from(utf8Prefix(bytes, room)).toString("utf8")}${ELLIPSIS}`;
}

/** `text` cut to at most `maxChars` characters (code points), ending in an ellipsis when cut. */
export function cutChars(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join("")}${ELLIPSIS}`;
}
