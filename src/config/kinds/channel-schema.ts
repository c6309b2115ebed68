// The JSON Schema of a Channel document. A channel's fields depend on its `type`, so each type
// has its own closed schema, picked by `if: {type: …} then: <schema>` (as a rule's targets do):
// a misspelt field of a `dingtalk` channel is reported against the `dingtalk` fields, with the
// nearest one suggested, rather than as "matches none of the alternatives".
import { Type } from "typebox";
import type { Static, TSchema } from "typebox";
import type { ChannelType } from "../types.js";
import { Duration, documentSchema } from "./common.js";
import { Headers } from "./http-fields.js";

/** Every channel type, in the order the docs list them. */
export const CHANNEL_TYPES = ["webhook", "wecom", "dingtalk", "feishu", "slack", "email"] as const satisfies readonly ChannelType[];

/** A setting that may be secret: text (which may embed `{{ secrets.NAME }}`) or `{env: NAME}`. */
export const ChannelSecret = Type.Union(
  [Type.String({ minLength: 1 }), Type.Object({ env: Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }) }, { additionalProperties: false })],
  { description: "a secret: text (which may embed {{ secrets.NAME }}) or {env: VARIABLE_NAME}" },
);

const RateLimit = Type.Object(
  { rate: Type.Integer({ minimum: 1, description: "a whole number of messages, at least 1" }), per: Duration },
  { additionalProperties: false },
);

const Templates = Type.Object(
  {
    event: Type.Optional(Type.String({ description: "a message template" })),
    execution: Type.Optional(Type.String({ description: "a message template" })),
    approval: Type.Optional(Type.String({ description: "a message template" })),
  },
  { additionalProperties: false },
);

const Names = Type.Array(Type.String({ minLength: 1 }), { description: "a list of names" });

const Mentions = Type.Object(
  { users: Type.Optional(Names), mobiles: Type.Optional(Names), all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** Fields every channel has, besides its type's own. */
function channelFields<const T extends ChannelType>(type: T) {
  return { type: Type.Literal(type), rateLimit: Type.Optional(RateLimit), templates: Type.Optional(Templates) };
}

const WebhookChannel = documentSchema("Channel", {
  ...channelFields("webhook"),
  url: ChannelSecret,
  headers: Type.Optional(Headers),
  hmacSecret: Type.Optional(ChannelSecret),
});

const ChatFormat = Type.Enum(["text", "markdown"], { description: "text or markdown" });

const WecomChannel = documentSchema("Channel", {
  ...channelFields("wecom"),
  url: ChannelSecret,
  format: Type.Optional(ChatFormat),
  mentions: Type.Optional(Mentions),
});

const DingtalkChannel = documentSchema("Channel", {
  ...channelFields("dingtalk"),
  url: ChannelSecret,
  secret: Type.Optional(ChannelSecret),
  format: Type.Optional(ChatFormat),
  mentions: Type.Optional(Mentions),
});

const FeishuChannel = documentSchema("Channel", {
  ...channelFields("feishu"),
  url: ChannelSecret,
  secret: Type.Optional(ChannelSecret),
  format: Type.Optional(Type.Enum(["text", "card"], { description: "text or card" })),
});

const SlackChannel = documentSchema("Channel", { ...channelFields("slack"), url: ChannelSecret });

const EmailChannel = documentSchema("Channel", {
  ...channelFields("email"),
  host: Type.String({ minLength: 1, description: "a host name or address" }),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535, description: "a TCP port from 1 to 65535" })),
  security: Type.Optional(Type.Enum(["tls", "starttls", "none"], { description: "tls, starttls or none" })),
  auth: Type.Optional(Type.Object({ user: ChannelSecret, pass: ChannelSecret }, { additionalProperties: false })),
  verifyCertificate: Type.Optional(Type.Boolean()),
  from: Type.String({ minLength: 1, description: "an email address, optionally with a name: Reflex <reflex@example.com>" }),
  to: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: "a list of at least one email address" }),
  subject: Type.Optional(Type.String({ description: "a subject template" })),
});

/** A Channel document that fits its schema. */
export type ChannelDocument =
  | Static<typeof WebhookChannel>
  | Static<typeof WecomChannel>
  | Static<typeof DingtalkChannel>
  | Static<typeof FeishuChannel>
  | Static<typeof SlackChannel>
  | Static<typeof EmailChannel>;

/** `{if: {type: <type>}, then: <schema>}`: applies `schema` to channels of that type only. */
function whenType(type: ChannelType, schema: TSchema) {
  return { if: { required: ["type"], properties: { type: { const: type } } }, then: schema };
}

/** JSON Schema of a Channel document: `type` picks the schema the other fields are checked against. */
export const ChannelSchema = Type.Unsafe<ChannelDocument>({
  type: "object",
  required: ["kind", "name", "type"],
  properties: {
    type: { enum: [...CHANNEL_TYPES], description: "webhook, wecom, dingtalk, feishu, slack or email" },
  },
  allOf: [
    whenType("webhook", WebhookChannel),
    whenType("wecom", WecomChannel),
    whenType("dingtalk", DingtalkChannel),
    whenType("feishu", FeishuChannel),
    whenType("slack", SlackChannel),
    whenType("email", EmailChannel),
  ],
});
