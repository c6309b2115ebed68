// The four real brokers on 127.0.0.1 as test fixtures: each makes a uniquely named place to
// consume from (a JetStream stream, a durable queue, a topic, a Redis stream), publishes to it
// with the broker's own client, says how many messages are still unacknowledged or waiting,
// reads what a `queue` target published, and removes everything it made.
import { randomBytes } from "node:crypto";
import { connect as amqpConnect } from "amqplib";
import { connectAsync } from "mqtt";
import { connect as natsConnect } from "nats";
import { Redis } from "ioredis";
import type { BrokerType } from "../../../src/config/types.js";

export const NATS_URL = "nats://127.0.0.1:4222";
export const AMQP_URL = "amqp://127.0.0.1:5672";
export const MQTT_URL = "mqtt://127.0.0.1:1883";
export const REDIS_URL = "redis://127.0.0.1:6379";

/** One broker's place for one test. */
export interface BrokerFixture {
  type: BrokerType;
  /** The fields of a `kind: Source` document consuming this place (besides kind, name, bus, mapping). */
  source: Record<string, string | number>;
  /** Publishes each body as one message (with `messageId` as the AMQP message-id when given). */
  publish(bodies: readonly string[], options?: { messageIds?: readonly string[] }): Promise<void>;
  /** Messages not acknowledged yet (delivered or waiting); null when the broker cannot tell (MQTT). */
  unacknowledged(sourceName: string): Promise<number | null>;
  /** The fields of a `queue` target publishing to `to` (a name derived from this fixture's). */
  target: Record<string, string>;
  /** Reads `count` messages a queue target published (bodies as text). */
  published(count: number): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** A fresh fixture for `type`; `label` keeps names readable in broker listings. */
export async function brokerFixture(type: BrokerType, label: string): Promise<BrokerFixture> {
  const unique = `${label}_${randomBytes(4).toString("hex")}`;
  switch (type) {
    case "nats":
      return natsFixture(unique);
    case "amqp":
      return amqpFixture(unique);
    case "mqtt":
      return mqttFixture(unique);
    case "redis":
      return redisFixture(unique);
  }
}

export const BROKER_TYPES: readonly BrokerType[] = ["nats", "amqp", "mqtt", "redis"];

async function natsFixture(unique: string): Promise<BrokerFixture> {
  const nc = await natsConnect({ servers: NATS_URL });
  const jsm = await nc.jetstreamManager();
  const stream = `T_${unique}`;
  const outStream = `OUT_${unique}`;
  await jsm.streams.add({ name: stream, subjects: [`t.${unique}.>`] });
  await jsm.streams.add({ name: outStream, subjects: [`out.${unique}.>`] });
  const js = nc.jetstream();
  return {
    type: "nats",
    source: { url: NATS_URL, stream, subject: `t.${unique}.>` },
    publish: async (bodies) => {
      for (const body of bodies) await js.publish(`t.${unique}.event`, Buffer.from(body));
    },
    unacknowledged: async (name) => {
      const info = await jsm.consumers.info(stream, `reflex-${name}`);
      return info.num_ack_pending + info.num_pending;
    },
    target: { url: NATS_URL, subject: `out.${unique}.alerts` },
    published: async (count) => {
      const bodies: string[] = [];
      for (let seq = 1; seq <= count; seq += 1) {
        const m = await jsm.streams.getMessage(outStream, { seq });
        bodies.push(Buffer.from(m.data).toString("utf8"));
      }
      return bodies;
    },
    cleanup: async () => {
      await jsm.streams.delete(stream).catch(() => false);
      await jsm.streams.delete(outStream).catch(() => false);
      await nc.close();
    },
  };
}

async function amqpFixture(unique: string): Promise<BrokerFixture> {
  const model = await amqpConnect(AMQP_URL);
  const channel = await model.createChannel();
  const queue = `t.${unique}`;
  const outQueue = `out.${unique}`;
  await channel.assertQueue(queue, { durable: true });
  await channel.assertQueue(outQueue, { durable: true });
  return {
    type: "amqp",
    source: { url: AMQP_URL, queue },
    publish: async (bodies, options) => {
      bodies.forEach((body, i) => {
        const messageId = options?.messageIds?.[i];
        channel.sendToQueue(queue, Buffer.from(body), { persistent: true, ...(messageId === undefined ? {} : { messageId }) });
      });
      // A round trip after the publishes: the broker has them all.
      await channel.checkQueue(queue);
    },
    // Ready messages only; unacknowledged ones return to ready when the consumer's channel closes.
    unacknowledged: async () => (await channel.checkQueue(queue)).messageCount,
    target: { url: AMQP_URL, queue: outQueue },
    published: async (count) => {
      const bodies: string[] = [];
      while (bodies.length < count) {
        const m = await channel.get(outQueue, { noAck: true });
        if (m === false) throw new Error(`queue ${outQueue} holds ${bodies.length} messages, expected ${count}`);
        bodies.push(m.content.toString("utf8"));
      }
      return bodies;
    },
    cleanup: async () => {
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.deleteQueue(outQueue).catch(() => undefined);
      await model.close();
    },
  };
}

async function mqttFixture(unique: string): Promise<BrokerFixture> {
  const client = await connectAsync(MQTT_URL, { clientId: `fixture-${unique}`, clean: true, reconnectPeriod: 0 });
  const received: string[] = [];
  const outTopic = `out/${unique}/alerts`;
  client.on("message", (topic, payload) => {
    if (topic === outTopic) received.push(payload.toString("utf8"));
  });
  await client.subscribeAsync(outTopic, { qos: 1 });
  return {
    type: "mqtt",
    source: { url: MQTT_URL, topic: `t/${unique}/#` },
    publish: async (bodies) => {
      for (const body of bodies) await client.publishAsync(`t/${unique}/event`, body, { qos: 1 });
    },
    unacknowledged: async () => null,
    target: { url: MQTT_URL, topic: outTopic },
    published: async (count) => {
      const deadline = Date.now() + 5_000;
      while (received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return received.slice(0, count);
    },
    cleanup: async () => {
      await client.endAsync();
    },
  };
}

/** Ends the persistent session of an MQTT client id (a clean connect discards it). */
export async function discardMqttSession(clientId: string): Promise<void> {
  const client = await connectAsync(MQTT_URL, { clientId, clean: true, protocolVersion: 5, properties: { sessionExpiryInterval: 0 }, reconnectPeriod: 0 });
  await client.endAsync();
}

async function redisFixture(unique: string): Promise<BrokerFixture> {
  const redis = new Redis(REDIS_URL);
  const stream = `t:${unique}`;
  const outStream = `out:${unique}`;
  return {
    type: "redis",
    source: { url: REDIS_URL, stream },
    publish: async (bodies) => {
      for (const body of bodies) await redis.xadd(stream, "*", "body", body, "origin", "test");
    },
    unacknowledged: async (name) => {
      const group = `reflex-${name}`;
      const summary = (await redis.xpending(stream, group)) as unknown[];
      return Number(summary[0] ?? 0) + (await unread(redis, stream, group));
    },
    target: { url: REDIS_URL, stream: outStream },
    published: async (count) => {
      const entries = (await redis.xrange(outStream, "-", "+")).slice(0, count);
      return entries.map(([, fields]) => fields[fields.indexOf("body") + 1] ?? "");
    },
    cleanup: async () => {
      await redis.del(stream, outStream);
      redis.disconnect();
    },
  };
}

/** Entries of the stream after the group's last delivered id. */
async function unread(redis: Redis, stream: string, group: string): Promise<number> {
  const groups = (await redis.xinfo("GROUPS", stream)) as unknown[][];
  for (const g of groups) {
    const fields = new Map<string, unknown>();
    for (let i = 0; i + 1 < g.length; i += 2) fields.set(String(g[i]), g[i + 1]);
    if (fields.get("name") !== group) continue;
    const last = String(fields.get("last-delivered-id"));
    const after = await redis.xrange(stream, `(${last}`, "+");
    return after.length;
  }
  return 0;
}
