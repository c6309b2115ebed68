// Publishing the fleet's events to an MQTT broker at QoS 1: an event counts as delivered once
// the broker's PUBACK arrives. A clean session with a random client id, so the simulator never
// takes over a consumer's persistent session; one connection kept between events, replaced at
// the next attempt once it broke (the client does not reconnect on its own). MQTT messages
// carry no id, so a retried publish whose PUBACK was lost reaches subscribers twice; Reflex's
// MQTT source deduplicates it by the event's `id` in the body.
import { randomBytes } from "node:crypto";
import { connectAsync } from "mqtt";
import type { IClientOptions, MqttClient } from "mqtt";
import type { BrokerTarget, EventPublisher } from "./broker-publisher.js";
import { bounded, errorText } from "./broker-publisher.js";
import { eventSubject } from "./broker-subject.js";

/** A publisher to the MQTT broker at `target.url`. */
export function mqttEventPublisher(target: BrokerTarget): EventPublisher {
  const where = `the MQTT broker at ${target.url.href}`;
  const options: IClientOptions = {
    clientId: `reflex-sim-${randomBytes(6).toString("hex")}`,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: target.connectTimeoutMs,
    protocolVersion: 5,
  };
  if (target.username !== undefined) options.username = target.username;
  if (target.password !== undefined) options.password = target.password;
  let current: MqttClient | undefined;
  let opening: Promise<MqttClient> | undefined;
  let closed = false;

  const drop = (client: MqttClient | undefined): void => {
    if (client !== undefined) void client.endAsync(true).catch(() => undefined);
  };

  const connection = (): Promise<MqttClient> => {
    if (current?.connected === true) return Promise.resolve(current);
    drop(current);
    current = undefined;
    opening ??= connectAsync(target.url.href, options)
      .then((client) => {
        if (closed) drop(client);
        else current = client;
        return client;
      })
      .finally(() => {
        opening = undefined;
      });
    return opening;
  };

  return {
    publish: async (event, signal) => {
      const topic = eventSubject(event, target.prefix, "mqtt");
      let client: MqttClient;
      try {
        client = await bounded(connection(), target.connectTimeoutMs + 1_000, signal, `connecting to ${where}`);
      } catch (err) {
        return { message: `cannot connect to ${where}: ${errorText(err)}`, retrying: true, cause: err };
      }
      try {
        await bounded(client.publishAsync(topic, JSON.stringify(event.body), { qos: 1, properties: { contentType: "application/json" } }), target.requestTimeoutMs, signal, `publishing to '${topic}'`);
        return undefined;
      } catch (err) {
        // No PUBACK in time: the connection is not to be trusted, open a new one next time.
        if (current === client) current = undefined;
        drop(client);
        return { message: `publishing to '${topic}' on ${where} failed: ${errorText(err)}`, retrying: true, cause: err };
      }
    },
    close: async () => {
      closed = true;
      const client = current;
      current = undefined;
      if (client !== undefined) await client.endAsync().catch(() => undefined);
    },
  };
}
