// MQTT (protocol 5): a QoS 1 subscription in a persistent session — a fixed client id with
// `clean: false` and a session expiry — so the broker keeps the subscription and queues
// messages while Reflex is down, and resends those it delivered but never saw acknowledged.
// A PUBACK is sent only once the message's events are stored: mqtt.js hands QoS 1 messages to
// `customHandleAcks` one at a time and acknowledges when told. When storing fails no PUBACK
// is sent and the connection is dropped, so the broker delivers the message again on the
// next session. With `group`, the subscription is shared (`$share/<group>/<topic>`) and each
// node connects with its own client id (`<clientId>-<node id>`). MQTT messages carry no id of
// their own: events without an id get one derived from the topic and body.
import { connectAsync } from "mqtt";
import type { MqttClient } from "mqtt";
import { withoutCredentials } from "../config/kinds/source-broker-url.js";
import type { MqttSourceSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { BrokerMessage } from "./broker-message.js";
import { brokerErrorText, mqttOptions } from "./broker-connect.js";
import type { BrokerSession, OpenSession } from "./broker-session.js";
import { sessionEnd } from "./broker-session.js";
import { InFlight } from "./in-flight.js";

/** SUBACK reason codes of 0x80 and above refuse the subscription. */
const SUBSCRIPTION_REFUSED = 0x80;

/** The parts of a PUBLISH packet Reflex reads. */
interface PublishPacket {
  qos: number;
  properties?: { userProperties?: Record<string, string | string[]> };
}

/** Opens a persistent-session subscription for a `type: mqtt` source. */
export const openMqttSession: OpenSession<MqttSourceSpec> = async ({ spec, connection, receive, nodeId, logger }) => {
  const end = sessionEnd();
  let closing = false;
  let current: Promise<void> = Promise.resolve();
  const clientId = spec.group === undefined ? spec.clientId : `${spec.clientId}-${nodeId}`;

  const handleQos1 = (topic: string, payload: Buffer, packet: PublishPacket, done: (code: number) => void): void => {
    if (closing || end.settled) return; // no PUBACK: the broker resends it in the next session
    current = receive(toBrokerMessage(topic, payload, packet)).then(
      () => done(0),
      (err: unknown) => end.fail(err),
    );
  };
  let client: MqttClient;
  try {
    client = await connectAsync(spec.connection.url, {
      ...mqttOptions(connection),
      clientId,
      clean: false,
      properties: { sessionExpiryInterval: Math.round(spec.sessionExpiryMs / 1000) },
      customHandleAcks: (topic, payload, packet: PublishPacket, done) => handleQos1(topic, payload, packet, done),
    });
  } catch (err) {
    throw new Error(`cannot connect to MQTT at ${withoutCredentials(spec.connection.url)} as '${clientId}': ${brokerErrorText(err, connection)}`, { cause: err });
  }

  // QoS 0 messages (a publisher's choice) have no acknowledgement: stored as they come.
  const qos0 = new InFlight(spec.prefetch);
  client.on("message", (topic, payload, packet) => {
    if (packet.qos !== 0 || closing) return;
    void qos0.add(() => receive(toBrokerMessage(topic, payload, packet)).then(() => undefined, (err: unknown) => end.fail(err)));
  });
  client.on("error", (err) => logger.debug({ err: brokerErrorText(err, connection), source: spec.name }, "MQTT client error"));
  client.on("close", () => {
    if (!closing) end.fail(new Error("the MQTT connection closed"));
  });

  const filter = spec.group === undefined ? spec.topic : `$share/${spec.group}/${spec.topic}`;
  try {
    // A message the broker resends at once may fail to store before the SUBACK is read; the
    // client then reads nothing more, so the session's end must cut the wait short.
    const granted = await Promise.race([client.subscribeAsync(filter, { qos: 1 }), end.ended.then(() => [])]);
    const refused = granted.find((g) => g.qos >= SUBSCRIPTION_REFUSED);
    if (refused) throw new Error(`the broker refused the subscription to '${filter}' (reason code 0x${refused.qos.toString(16)}); check the topic filter and the user's ACL`);
  } catch (err) {
    closing = true;
    await client.endAsync(true).catch(() => undefined);
    throw err instanceof ReflexError ? err : new Error(`subscribing to '${filter}' failed: ${brokerErrorText(err, connection)}`, { cause: err });
  }

  let closed: Promise<void> | null = null;
  const session: BrokerSession = {
    ended: end.ended,
    close: () =>
      (closed ??= (async () => {
        closing = true;
        await current;
        await qos0.idle();
        // A failed session drops the connection at once, so no later PUBACK goes out.
        await client.endAsync(end.settled).catch(() => undefined);
        end.resolve();
      })()),
  };
  return session;
};

function toBrokerMessage(topic: string, payload: Buffer, packet: PublishPacket): BrokerMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(packet.properties?.userProperties ?? {})) headers[name] = Array.isArray(value) ? value.join(",") : value;
  return { key: null, body: payload, topic, headers };
}
