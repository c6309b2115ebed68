// The JSON Schema of a pull Source, one closed schema per broker: the connection every broker
// needs (URL and credentials), the bus, the optional mapping, and the broker's own settings
// (a NATS stream and durable consumer, an AMQP queue, an MQTT topic filter and client id, a
// Redis stream and consumer group). `source.ts` picks the schema by `type`, so a misspelt
// field is reported against the fields of the broker the document names.
import { Type } from "typebox";
import type { Static } from "typebox";
import { Duration, Name, SecretRef, documentSchema } from "./common.js";

/** A NATS stream or consumer name: no whitespace, `.`, `*`, `>` or path separators. */
const NatsName = Type.String({
  pattern: "^[^\\s.*>/\\\\]{1,255}$",
  description: "a NATS name of 1 to 255 characters without spaces, '.', '*', '>', '/' or '\\'",
});

/** Fields every broker source has. */
function brokerFields<const T extends string>(type: T) {
  return {
    type: Type.Literal(type),
    bus: Type.Optional(Name),
    url: Type.String({ minLength: 1, description: "a broker URL such as nats://127.0.0.1:4222" }),
    username: Type.Optional(SecretRef),
    password: Type.Optional(SecretRef),
    mapping: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "a mapping from envelope attribute to template" })),
    maxMessageBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 * 1024 * 1024, description: "a whole number of bytes from 1 to 64 MiB" })),
    prefetch: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: "a whole number of messages from 1 to 1000" })),
  };
}

/** `type: nats`. */
export const NatsSourceSchema = documentSchema("Source", {
  ...brokerFields("nats"),
  token: Type.Optional(SecretRef),
  stream: NatsName,
  consumer: Type.Optional(NatsName),
  subject: Type.Optional(Type.String({ minLength: 1, description: "a NATS subject filter such as alerts.>" })),
  ackWait: Type.Optional(Duration),
});

/** `type: amqp`. */
export const AmqpSourceSchema = documentSchema("Source", {
  ...brokerFields("amqp"),
  queue: Type.String({ minLength: 1, maxLength: 255, description: "a queue name of 1 to 255 characters" }),
});

/** `type: mqtt`. */
export const MqttSourceSchema = documentSchema("Source", {
  ...brokerFields("mqtt"),
  topic: Type.String({ minLength: 1, description: "an MQTT topic filter such as alerts/+/cpu or alerts/#" }),
  clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: "^[^\\s]+$", description: "a client id of 1 to 128 characters without spaces" })),
  group: Type.Optional(Name),
  sessionExpiry: Type.Optional(Duration),
});

/** `type: redis`. */
export const RedisSourceSchema = documentSchema("Source", {
  ...brokerFields("redis"),
  stream: Type.String({ minLength: 1, description: "a stream key" }),
  group: Type.Optional(Type.String({ minLength: 1, description: "a consumer group name" })),
  consumer: Type.Optional(Type.String({ minLength: 1, description: "a consumer name" })),
  field: Type.Optional(Type.String({ minLength: 1, description: "an entry field name" })),
  claimIdle: Type.Optional(Duration),
});

/** A pull Source document that fits its schema. */
export type BrokerSourceDocument =
  | Static<typeof NatsSourceSchema>
  | Static<typeof AmqpSourceSchema>
  | Static<typeof MqttSourceSchema>
  | Static<typeof RedisSourceSchema>;
