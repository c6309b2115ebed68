// The one shape every broker's message takes once received, whatever the broker: its body, the
// topic it came on, its headers, and the broker's own identity for it. The consumers build it;
// past them, nothing knows which broker a message came from.

/** One message as received from a broker. */
export interface BrokerMessage {
  /**
   * The broker's stable identity of the message — the same on every redelivery (a JetStream
   * stream sequence, a Redis entry id, an AMQP `message-id`) — or null when the broker has
   * none (MQTT; AMQP without `message-id`). Events that carry no id get one derived from it,
   * or from the topic and body when it is null.
   */
  key: Readonly<Record<string, string | number>> | null;
  /** The payload; null when the message has none (a Redis entry without the body field). */
  body: Buffer | null;
  /** NATS subject, AMQP routing key, MQTT topic or Redis stream. */
  topic: string;
  /** NATS headers, AMQP headers, MQTT 5 user properties or the Redis entry's other fields. */
  headers: Readonly<Record<string, string>>;
}
