// `type: feishu`: a Feishu / Lark custom bot (`…/open-apis/bot/v2/hook/<token>`). A bot with
// signature verification on (`secret`) wants `timestamp` (epoch seconds, as text) and `sign` in
// the body: base64 of HMAC-SHA256 keyed with timestamp + "\n" + secret over an empty message;
// Feishu refuses a timestamp more than an hour off. A message is a `card` (`interactive`: a
// header with the title, the text and fields in `lark_md`, a button for the link) or `text`.
// Feishu answers HTTP 200 with `{"code": 0, "msg": "success"}` (older bots:
// `{"StatusCode": 0}`), or another code (19021: bad signature or timestamp).
import { createHmac } from "node:crypto";
import type { FeishuChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import type { ChannelDriver } from "./channel-driver.js";
import type { BodyCheck } from "./http-post.js";
import { codeCheck, endpointOf, postMessage } from "./http-post.js";
import type { ChannelMessage, MessageKind } from "./message.js";
import { cutBytes, markdownBody, plainMessage } from "./message-text.js";

/** Room for a message's text in Feishu's 20 KB request limit, in bytes of UTF-8. */
export const FEISHU_TEXT_BYTES = 18_000;

/** The card header's colour per kind of message. */
const HEADER_COLOURS: Record<MessageKind, string> = { event: "red", execution: "blue", approval: "orange", plain: "blue" };

/** `sign` for `timestamp` (epoch seconds). */
export function feishuSign(secret: string, timestamp: number): string {
  return createHmac("sha256", `${timestamp}\n${secret}`).update("").digest("base64");
}

/** Feishu's answer: `code` 0, or (older bots) `StatusCode` 0. */
const feishuCheck: BodyCheck = (body) => {
  const current = codeCheck("code", "msg")(body);
  if (current === null || !/"StatusCode"/.test(body)) return current;
  return codeCheck("StatusCode", "StatusMessage")(body);
};

/** The Feishu driver of `channel`. */
export function feishuDriver(channel: FeishuChannelSpec): ChannelDriver {
  const settings: Record<string, FeishuChannelSpec["url"]> = { url: channel.url };
  if (channel.secret !== undefined) settings.secret = channel.secret;
  return {
    settings,
    summary: (message, values) => ({ endpoint: endpointOf(values.url ?? ""), msg_type: channel.format === "card" ? "interactive" : "text", kind: message.kind, title: message.title, signed: channel.secret !== undefined }),
    send(message, values, context) {
      const body = feishuBody(channel, message);
      if (values.secret !== undefined) {
        const timestamp = Math.floor(context.now / 1000);
        body.timestamp = String(timestamp);
        body.sign = feishuSign(values.secret, timestamp);
      }
      return postMessage({ url: values.url ?? "", headers: {}, body: JSON.stringify(body) }, `channel '${channel.name}' (Feishu)`, feishuCheck, context.timeoutMs, context.signal);
    },
  };
}

/** The request body for `message`, without the signature. */
export function feishuBody(channel: FeishuChannelSpec, message: ChannelMessage): JsonObject {
  if (channel.format === "text") return { msg_type: "text", content: { text: cutBytes(plainMessage(message), FEISHU_TEXT_BYTES) } };
  const elements: JsonObject[] = [{ tag: "div", text: { tag: "lark_md", content: cutBytes(markdownBody({ ...message, link: undefined }), FEISHU_TEXT_BYTES) } }];
  if (message.link) {
    elements.push({ tag: "action", actions: [{ tag: "button", text: { tag: "plain_text", content: message.link.label }, url: message.link.url, type: "primary" }] });
  }
  return {
    msg_type: "interactive",
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: "plain_text", content: message.title }, template: HEADER_COLOURS[message.kind] },
      elements,
    },
  };
}
