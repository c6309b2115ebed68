// `type: wecom`: a WeCom (企业微信) group robot. The robot's webhook URL carries its `key`;
// a message is `{"msgtype": "markdown", "markdown": {"content": …}}` (at most 4096 bytes) or
// `{"msgtype": "text", "text": {"content": …, "mentioned_list": […], "mentioned_mobile_list":
// […]}}` (at most 2048 bytes; `@all` mentions everyone). WeCom answers HTTP 200 either way, with
// `{"errcode": 0, "errmsg": "ok"}` when it took the message and another errcode when not.
import type { WecomChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import type { ChannelDriver } from "./channel-driver.js";
import { codeCheck, endpointOf, postMessage } from "./http-post.js";
import type { ChannelMessage } from "./message.js";
import { cutBytes, markdownMessage, plainMessage } from "./message-text.js";

/** WeCom's limits on `content`, in bytes of UTF-8. */
export const WECOM_TEXT_BYTES = 2048;
export const WECOM_MARKDOWN_BYTES = 4096;

/** The WeCom driver of `channel`. */
export function wecomDriver(channel: WecomChannelSpec): ChannelDriver {
  return {
    settings: { url: channel.url },
    summary: (message, values) => ({ endpoint: endpointOf(values.url ?? ""), msgtype: channel.format, kind: message.kind, title: message.title }),
    send: (message, values, context) =>
      postMessage({ url: values.url ?? "", headers: {}, body: JSON.stringify(wecomBody(channel, message)) }, `channel '${channel.name}' (WeCom)`, codeCheck("errcode", "errmsg"), context.timeoutMs, context.signal),
  };
}

/** The request body for `message`. */
export function wecomBody(channel: WecomChannelSpec, message: ChannelMessage): JsonObject {
  if (channel.format === "markdown") return { msgtype: "markdown", markdown: { content: cutBytes(markdownMessage(message), WECOM_MARKDOWN_BYTES) } };
  const text: JsonObject = { content: cutBytes(plainMessage(message), WECOM_TEXT_BYTES) };
  const mentions = channel.mentions;
  if (mentions) {
    const users = mentions.all ? [...mentions.users, "@all"] : mentions.users;
    if (users.length > 0) text.mentioned_list = users;
    if (mentions.mobiles.length > 0) text.mentioned_mobile_list = [...mentions.mobiles];
  }
  return { msgtype: "text", text };
}
