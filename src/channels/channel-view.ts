// A channel as the API and delivery views show it: everything but secret values. A setting
// written as `{env: NAME}` or with `{{ secrets.NAME }}` placeholders is shown as written (it
// says where the secret comes from, not what it is); a literal URL keeps only its scheme and
// host (chat tokens sit in the path or query); other literal secrets become "(inline secret)".
import { hasPlaceholders } from "../config/kinds/channel-secrets.js";
import type { ChannelSecret, ChannelSpec } from "../config/types.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { endpointOf } from "./http-post.js";

/** `channel` with its secrets hidden. */
export function channelView(channel: ChannelSpec): JsonObject {
  const shown = JSON.parse(JSON.stringify(channel)) as JsonObject;
  switch (channel.type) {
    case "webhook":
      shown.url = urlView(channel.url);
      if (channel.hmacSecret !== undefined) shown.hmacSecret = secretView(channel.hmacSecret);
      break;
    case "wecom":
    case "slack":
      shown.url = urlView(channel.url);
      break;
    case "dingtalk":
    case "feishu":
      shown.url = urlView(channel.url);
      if (channel.secret !== undefined) shown.secret = secretView(channel.secret);
      break;
    case "email":
      if (channel.auth !== undefined) shown.auth = { user: secretView(channel.auth.user), pass: secretView(channel.auth.pass) };
      break;
  }
  return shown;
}

function urlView(url: ChannelSecret): JsonValue {
  if (typeof url !== "string" || hasPlaceholders(url)) return secretView(url);
  return `${endpointOf(url)}/… (inline URL; path and query hidden)`;
}

function secretView(secret: ChannelSecret): JsonValue {
  if (typeof secret !== "string") return { env: secret.env };
  return hasPlaceholders(secret) ? secret : "(inline secret)";
}
