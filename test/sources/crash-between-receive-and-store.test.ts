// Killing the consuming process between receiving messages and storing their events loses
// nothing: a node consuming a broker source runs as a child process with storing made slow;
// N messages are published; it is SIGKILLed while some are received but not stored; a new
// process consumes the rest, and every one of the N is stored exactly once — for each broker,
// on SQLite and on PostgreSQL (REFLEX_TEST_DATABASE_URL).
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { BrokerType } from "../../src/config/types.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import { writeConfigDir } from "../support/config-dir.js";
import { waitFor } from "../support/reflex.js";
import { allocateTestDatabase } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";
import { BROKER_TYPES, brokerFixture, discardMqttSession } from "./support/brokers.js";
import type { BrokerFixture } from "./support/brokers.js";

const NODE = fileURLToPath(new URL("./support/source-node.ts", import.meta.url));
const N = 40;

interface Node {
  child: ChildProcessWithoutNullStreams;
  /** Highest `received <n>` and `stored <n>` printed so far. */
  received(): number;
  stored(): number;
  exited: Promise<void>;
}

/** Starts the consuming node; resolves once every source consumes. */
async function startNode(database: TestDatabase, configDir: string): Promise<Node> {
  const child = spawn(process.execPath, ["--import", "tsx", NODE], {
    env: { ...process.env, ...database.env, CONFIG_DIR: configDir, STORE_DELAY_MS: "60" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const last = (word: string) => Math.max(0, ...[...out.matchAll(new RegExp(`^${word} (\\d+)$`, "gm"))].map((m) => Number(m[1])));
  await waitFor(async () => (out.includes("consuming\n") ? true : child.exitCode !== null ? Promise.reject(new Error(`the node exited: ${err}`)) : undefined), "the node consuming", 20_000);
  return { child, received: () => last("received"), stored: () => last("stored"), exited };
}

const running: Node[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const node of running.splice(0)) {
    node.child.kill("SIGKILL");
    await node.exited;
  }
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function storedIds(store: Store, source: string): Promise<string[]> {
  const rows = await store.db.selectFrom("events").select("id").where("source", "=", source).execute();
  return rows.map((r) => r.id);
}

describe.each(BROKER_TYPES)("%s", (type: BrokerType) => {
  it(`stores all ${N} messages exactly once when the consumer is killed between receive and store`, async () => {
    const fixture: BrokerFixture = await brokerFixture(type, "crash");
    cleanups.push(() => fixture.cleanup());
    const name = `crash-${type}-${process.pid}`;
    if (type === "mqtt") cleanups.push(() => discardMqttSession(`reflex-${name}`));
    const database = allocateTestDatabase();
    cleanups.push(() => database.drop());
    const fields = Object.entries(fixture.source).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n");
    // A short ackWait: JetStream redelivers what the killed node held after it.
    const configDir = writeConfigDir({ "source.yaml": `kind: Source\nname: ${name}\ntype: ${type}\nprefetch: 8\n${type === "nats" ? "ackWait: 2s\n" : ""}${fields}\n` });
    const store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema });
    cleanups.unshift(() => store.close());

    const first = await startNode(database, configDir);
    running.push(first);
    const source = `crash.${type}.${process.pid}`;
    const ids = Array.from({ length: N }, (_, i) => `m-${i}`);
    await fixture.publish(
      ids.map((id, i) => JSON.stringify({ specversion: "1.0", id, source, type: "crash.test", data: { i } })),
      { messageIds: ids },
    );
    // Kill while some messages are received and not yet stored, after some were stored.
    await waitFor(async () => (first.stored() >= 5 && first.received() > first.stored() ? true : undefined), "messages in flight", 20_000);
    first.child.kill("SIGKILL");
    await first.exited;
    running.splice(running.indexOf(first), 1);
    const atKill = await storedIds(store, source);
    expect(atKill.length).toBeLessThan(N);

    const second = await startNode(database, configDir);
    running.push(second);
    const all = await waitFor(async () => {
      const now = await storedIds(store, source);
      return now.length >= N ? now : undefined;
    }, `all ${N} events stored after the restart`, 30_000);
    expect([...all].sort()).toEqual([...ids].sort());
    // Nothing more arrives: each message became exactly one event.
    await waitFor(async () => ((await fixture.unacknowledged(name)) ?? 0) === 0 || undefined, "every message acknowledged");
    expect((await storedIds(store, source)).length).toBe(N);
  }, 90_000);
});
