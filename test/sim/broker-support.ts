// Fixtures of the broker-forwarder tests: a JetStream stream capturing a unique subject prefix
// on the real NATS at 127.0.0.1:4222 (read back message by message, removed after), and a TCP
// relay in front of a broker that can be switched off and on, so "the broker is down" is a
// real refused connection and a real dropped one, not a mock.
import { randomBytes } from "node:crypto";
import { createServer, connect as tcpConnect } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { connect } from "nats";
import type { JetStreamManager, NatsConnection } from "nats";

export const NATS_URL = "nats://127.0.0.1:4222";
export const MQTT_URL = "mqtt://127.0.0.1:1883";

/** One stored message of a stream. */
export interface StreamMessage {
  seq: number;
  subject: string;
  body: unknown;
  msgId: string | undefined;
}

/** A stream of its own for one test. */
export interface StreamFixture {
  /** The subject prefix the stream captures (`<prefix>.>`). */
  prefix: string;
  stream: string;
  /** Creates the stream (the fixture can start without it). */
  create(): Promise<void>;
  /** How many messages the stream holds. */
  count(): Promise<number>;
  /** Messages 1..n, oldest first. */
  read(n: number): Promise<StreamMessage[]>;
  cleanup(): Promise<void>;
}

/** A unique prefix and stream name; the stream is created now unless `create` is false. */
export async function streamFixture(label: string, options: { create?: boolean } = {}): Promise<StreamFixture> {
  const unique = `${label}_${randomBytes(4).toString("hex")}`;
  const nc: NatsConnection = await connect({ servers: NATS_URL });
  const jsm: JetStreamManager = await nc.jetstreamManager();
  const prefix = `simtest.${unique}`;
  const stream = `SIMTEST_${unique}`;
  const fixture: StreamFixture = {
    prefix,
    stream,
    create: async () => {
      await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`] });
    },
    count: async () => (await jsm.streams.info(stream)).state.messages,
    read: async (n) => {
      const messages: StreamMessage[] = [];
      for (let seq = 1; seq <= n; seq++) {
        const m = await jsm.streams.getMessage(stream, { seq });
        messages.push({ seq, subject: m.subject, body: JSON.parse(Buffer.from(m.data).toString("utf8")) as unknown, msgId: m.header.get("Nats-Msg-Id") || undefined });
      }
      return messages;
    },
    cleanup: async () => {
      await jsm.streams.delete(stream).catch(() => false);
      await nc.close();
    },
  };
  if (options.create !== false) await fixture.create();
  return fixture;
}

/** A TCP relay to a broker that refuses connections while off. */
export interface Relay {
  /** The relay's port on 127.0.0.1. */
  port: number;
  /** Relays new connections from now on. */
  up(): void;
  /** Refuses new connections (accepts and closes them at once) and cuts the open ones. */
  down(): void;
  close(): Promise<void>;
}

/** A relay to 127.0.0.1:`targetPort`, starting in the state `initially`. */
export async function startRelay(targetPort: number, initially: "up" | "down"): Promise<Relay> {
  let upstate = initially === "up";
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!upstate) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(targetPort, "127.0.0.1");
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    up: () => {
      upstate = true;
    },
    down: () => {
      upstate = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    close: async () => {
      upstate = false;
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
