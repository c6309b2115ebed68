// The stand-in chat robot keeps what a person would have read: the text of each message,
// taken from wherever the vendor's body puts it — WeCom and DingTalk `text.content`,
// WeCom `markdown.content`, DingTalk `markdown.text`, Feishu `content.text` or an interactive
// card's header and `lark_md` elements, Slack `text` or its blocks, Reflex's generic webhook
// `title` and `message` — and which answer the sender expects back.
import { isJsonObject } from "../core/json.js";
import type { JsonObject, JsonValue } from "../core/json.js";

/** The chat services whose answers differ. */
export type ChatVendor = "wecom-or-dingtalk" | "feishu" | "slack" | "generic";

/** The text of a chat message body (the body itself when it is not JSON). */
export function chatText(body: unknown): string {
  if (typeof body === "string") return body;
  if (!isJsonObject(body)) return JSON.stringify(body ?? null);
  const text = body["text"];
  const markdown = body["markdown"];
  const content = body["content"];
  if (isJsonObject(text) && typeof text["content"] === "string") return text["content"];
  if (isJsonObject(markdown)) {
    if (typeof markdown["content"] === "string") return markdown["content"];
    if (typeof markdown["text"] === "string") return markdown["text"];
  }
  if (isJsonObject(content) && typeof content["text"] === "string") return content["text"];
  if (isJsonObject(body["card"])) return cardText(body["card"]);
  if (isJsonObject(body["actionCard"])) return joined([str(body["actionCard"]["title"]), str(body["actionCard"]["text"])]);
  if (typeof text === "string" && text !== "") return text;
  if (Array.isArray(body["blocks"])) return joined(body["blocks"].map(blockText));
  if (typeof body["title"] === "string" || typeof body["message"] === "string") return joined([str(body["title"]), str(body["message"])]);
  if (typeof content === "string") return content;
  return JSON.stringify(body);
}

/** Which service a body (posted to `channel`) looks like it was written for. */
export function chatVendor(body: unknown, channel: string): ChatVendor {
  if (isJsonObject(body) && "msg_type" in body) return "feishu";
  if (isJsonObject(body) && "msgtype" in body) return "wecom-or-dingtalk";
  if ((isJsonObject(body) && Array.isArray(body["blocks"])) || /^slack\b/i.test(channel)) return "slack";
  return "generic";
}

function cardText(card: JsonObject): string {
  const header = isJsonObject(card["header"]) && isJsonObject(card["header"]["title"]) ? str(card["header"]["title"]["content"]) : "";
  const elements = Array.isArray(card["elements"]) ? card["elements"] : [];
  return joined([header, ...elements.map((e) => (isJsonObject(e) && isJsonObject(e["text"]) ? str(e["text"]["content"]) : ""))]);
}

function blockText(block: JsonValue): string {
  if (!isJsonObject(block)) return "";
  const own = isJsonObject(block["text"]) ? str(block["text"]["text"]) : "";
  const fields = Array.isArray(block["fields"]) ? block["fields"].map((f) => (isJsonObject(f) ? str(f["text"]) : "")) : [];
  return joined([own, ...fields]);
}

function str(value: JsonValue | undefined): string {
  return typeof value === "string" ? value : "";
}

function joined(parts: readonly string[]): string {
  return parts.filter((p) => p !== "").join("\n");
}
