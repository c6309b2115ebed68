// `type: dingtalk`: a DingTalk (钉钉) custom robot. The webhook URL carries its `access_token`.
// A robot with signing on (`secret`, the `SEC…` key) wants `timestamp` (epoch milliseconds) and
// `sign` in the query: base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)),
// URL-encoded; DingTalk refuses a timestamp more than an hour off. A message is `markdown`
// (`{title, text}`) or `text` (`{content}`), with `at` naming who is mentioned — who must also
// appear as `@…` in the text for DingTalk to highlight them. DingTalk answers HTTP 200 with
// `{"errcode": 0, "errmsg": "ok"}`, or another errcode (310000: bad signature or keyword).
import { createHmac } from "node:crypto";
import type { DingtalkChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import type { ChannelDriver } from "./channel-driver.js";
import { codeCheck, endpointOf, postMessage } from "./http-post.js";
import type { ChannelMessage } from "./message.js";
import { cutBytes, markdownMessage, plainMessage } from "./message-text.js";

/** DingTalk's limit on a message's text, in bytes of UTF-8. */
export const DINGTALK_TEXT_BYTES = 20_000;

/** `sign` for `timestamp` (before URL-encoding). */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

/** The DingTalk driver of `channel`. */
export function dingtalkDriver(channel: DingtalkChannelSpec): ChannelDriver {
  const settings: Record<string, DingtalkChannelSpec["url"]> = { url: channel.url };
  if (channel.secret !== undefined) settings.secret = channel.secret;
  return {
    settings,
    summary: (message, values) => ({ endpoint: endpointOf(values.url ?? ""), msgtype: channel.format, kind: message.kind, title: message.title, signed: channel.secret !== undefined }),
    send(message, values, context) {
      const vendor = `channel '${channel.name}' (DingTalk)`;
      let url: URL;
      try {
        url = new URL(values.url ?? "");
      } catch {
        return Promise.resolve({ ok: false, permanent: true, httpStatus: null, response: null, error: `${vendor}: the url setting is not an absolute URL` });
      }
      if (values.secret !== undefined) {
        url.searchParams.set("timestamp", String(context.now));
        url.searchParams.set("sign", dingtalkSign(values.secret, context.now));
      }
      return postMessage({ url: url.href, headers: {}, body: JSON.stringify(dingtalkBody(channel, message)) }, vendor, codeCheck("errcode", "errmsg"), context.timeoutMs, context.signal);
    },
  };
}

/** The request body for `message`. */
export function dingtalkBody(channel: DingtalkChannelSpec, message: ChannelMessage): JsonObject {
  const mentions = channel.mentions;
  const named = mentions ? [...mentions.mobiles, ...mentions.users].map((who) => `@${who}`).join(" ") : "";
  const at: JsonObject = { atMobiles: [...(mentions?.mobiles ?? [])], atUserIds: [...(mentions?.users ?? [])], isAtAll: mentions?.all ?? false };
  if (channel.format === "text") {
    const content = named === "" ? plainMessage(message) : `${plainMessage(message)}\n${named}`;
    return { msgtype: "text", text: { content: cutBytes(content, DINGTALK_TEXT_BYTES) }, at };
  }
  const body = markdownMessage(message);
  const text = named === "" ? body : `${body}\n\n${named}`;
  return { msgtype: "markdown", markdown: { title: message.title, text: cutBytes(text, DINGTALK_TEXT_BYTES) }, at };
}
