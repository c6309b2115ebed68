// Publishing to MQTT at QoS 1: the attempt succeeds once the broker's PUBACK arrives. A clean,
// short-lived session with a random client id, so attempts never take over a consumer's
// persistent session.
import { randomBytes } from "node:crypto";
import { connectAsync } from "mqtt";
import { mqttOptions } from "./broker-connect.js";
import type { Publisher } from "./publish.js";
import type { PublishDestination } from "./publish-destination.js";

/** Publishes one message and waits for its PUBACK. */
export const publishMqtt: Publisher<Extract<PublishDestination, { broker: "mqtt" }>> = async (connection, destination, body, _messageId, signal) => {
  const client = await connectAsync(connection.url, { ...mqttOptions(connection), clientId: `reflex-pub-${randomBytes(6).toString("hex")}`, clean: true });
  const abort = () => void client.endAsync(true).catch(() => undefined);
  signal.addEventListener("abort", abort, { once: true });
  try {
    await client.publishAsync(destination.topic, body, { qos: 1, properties: { contentType: "application/json" } });
    return `the broker acknowledged the message on topic '${destination.topic}'`;
  } finally {
    signal.removeEventListener("abort", abort);
    await client.endAsync().catch(() => undefined);
  }
};
