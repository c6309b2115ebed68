// `kind: Channel`: where a rule's `notify` targets send their messages. Only `webhook` exists
// now (a JSON POST to a URL, optionally signed); the chat and mail channels Reflex will speak
// (wecom, dingtalk, feishu, slack, email) are named in the refusal so nobody hunts for a typo.
// A channel's URL and headers are literal: what varies per event is the rule's `message`.
//
//   kind: Channel
//   name: ops-webhook
//   type: webhook
//   url: "https://hooks.example.com/ops"
//   headers: {X-Env: prod}
//   hmacSecret: {env: OPS_HOOK_KEY}
//   rateLimit: {rate: 10, per: 1m}
import { Type } from "typebox";
import type { Static } from "typebox";
import { parseDuration } from "../../core/duration.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import type { ChannelSpec } from "../types.js";
import { Duration, SecretRef, documentSchema } from "./common.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import { Headers, headerNameProblems, httpUrlProblems } from "./http-fields.js";
import { defineKind } from "./kind.js";

/** JSON Schema of a Channel document. */
export const ChannelSchema = documentSchema("Channel", {
  type: Type.Enum(["webhook"], { description: "webhook; wecom, dingtalk, feishu, slack and email arrive in a later release" }),
  url: Type.String({ minLength: 1, description: "an absolute http(s) URL" }),
  headers: Type.Optional(Headers),
  hmacSecret: Type.Optional(SecretRef),
  rateLimit: Type.Optional(
    Type.Object(
      { rate: Type.Integer({ minimum: 1, description: "a whole number of messages, at least 1" }), per: Duration },
      { additionalProperties: false },
    ),
  ),
});

/** A Channel document that fits its schema. */
export type ChannelDocument = Static<typeof ChannelSchema>;

/** The URL, header names and rate-limit period, which the schema cannot check. */
function channelProblems(value: ChannelDocument, at: ProblemLocator): ConfigProblem[] {
  return [
    ...httpUrlProblems(value.url, "/url", at),
    ...headerNameProblems(value.headers, "/headers", at),
    ...durationBoundsProblems(value.rateLimit?.per, "/rateLimit/per", { label: "'rateLimit.per'", above: 0 }, at),
  ];
}

/** The Channel spec for a valid document, defaults filled in. */
export function buildChannel(doc: ChannelDocument): ChannelSpec {
  const spec: ChannelSpec = { name: doc.name, type: doc.type, url: doc.url, headers: { ...doc.headers } };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.hmacSecret !== undefined) spec.hmacSecret = doc.hmacSecret;
  if (doc.rateLimit !== undefined) spec.rateLimit = { rate: doc.rateLimit.rate, perMs: parseDuration(doc.rateLimit.per) };
  return spec;
}

/** The Channel kind for the registry. */
export const channelKind = defineKind({
  kind: "Channel",
  schema: ChannelSchema,
  check: channelProblems,
  build: buildChannel,
  assemble: (specs, config) => ({ ...config, channels: new Map([...config.channels, ...specs.map((s) => [s.name, s] as const)]) }),
});
