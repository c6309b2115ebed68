// Redis Streams: a consumer group read with XREADGROUP and acknowledged with XACK once the
// entries' events are stored. The group is created when missing (from the start of the
// stream, creating the stream too). Each node reads as its own consumer, named after the node,
// so after a restart it first reads again what it had received but not acknowledged (its
// pending entries); entries left pending by a consumer that is gone (a node that died for
// good) are claimed with XAUTOCLAIM once idle for `claimIdle`. The body is the entry's `field`;
// its other fields are the message's headers. Event ids without one derive from the entry id.
import { Redis } from "ioredis";
import { withoutCredentials } from "../config/kinds/source-broker-url.js";
import type { RedisSourceSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { BrokerMessage } from "./broker-message.js";
import { brokerErrorText, redisOptions } from "./broker-connect.js";
import type { BrokerSession, OpenSession, SessionContext } from "./broker-session.js";
import { sessionEnd } from "./broker-session.js";

/** How long one XREADGROUP waits for new entries before the loop looks around again. */
const BLOCK_MS = 2_000;

/** One stream entry: its id and fields (null when the entry was deleted while pending). */
type Entry = { id: string; fields: Map<string, string> | null };

/** Opens a consumer-group session for a `type: redis` source. */
export const openRedisSession: OpenSession<RedisSourceSpec> = async (context) => {
  const { spec, connection } = context;
  const consumer = spec.consumer ?? `reflex-${context.nodeId}`;
  const redis = new Redis(spec.connection.url, redisOptions(connection, `reflex-source-${spec.name}`));
  redis.on("error", () => undefined); // failures surface through the commands and "end"
  try {
    await redis.connect();
    await redis.xgroup("CREATE", spec.stream, spec.group, "0", "MKSTREAM").catch((err: unknown) => {
      if (!String(err).includes("BUSYGROUP")) throw err;
    });
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot consume Redis stream '${spec.stream}' at ${withoutCredentials(spec.connection.url)}: ${brokerErrorText(err, connection)}`, { cause: err });
  }

  const end = sessionEnd();
  let closing = false;
  let reading = false;
  redis.on("end", () => {
    if (!closing) end.fail(new Error("the Redis connection closed"));
  });
  const loop = consume(redis, consumer, context, () => closing, (value) => (reading = value));
  loop.catch((err: unknown) => {
    if (!closing) end.fail(err instanceof ReflexError ? err : new Error(`Redis stream '${spec.stream}': ${brokerErrorText(err, connection)}`, { cause: err }));
  });

  let closed: Promise<void> | null = null;
  const session: BrokerSession = {
    ended: end.ended,
    close: () =>
      (closed ??= (async () => {
        closing = true;
        // A blocking read holds nothing unacknowledged: cut it short; otherwise let the batch finish.
        if (reading) redis.disconnect();
        await loop.catch(() => undefined);
        redis.disconnect();
        end.resolve();
      })()),
  };
  return session;
};

/** Reads, stores and acknowledges entries until told to stop or a step fails. */
async function consume(redis: Redis, consumer: string, context: SessionContext<RedisSourceSpec>, stopped: () => boolean, setReading: (reading: boolean) => void): Promise<void> {
  const { spec } = context;
  // Own pending entries first: what this consumer received before a crash or restart.
  for (let cursor = "0"; !stopped(); ) {
    const entries = parseRead(await redis.xreadgroup("GROUP", spec.group, consumer, "COUNT", spec.prefetch, "STREAMS", spec.stream, cursor));
    if (entries.length === 0) break;
    await store(redis, entries, context);
    cursor = entries[entries.length - 1]?.id ?? cursor;
  }
  let claimedAt = 0;
  while (!stopped()) {
    if (Date.now() - claimedAt >= spec.claimIdleMs / 2) {
      await claimAbandoned(redis, consumer, context, stopped);
      claimedAt = Date.now();
    }
    setReading(true);
    const reply = await redis.xreadgroup("GROUP", spec.group, consumer, "COUNT", spec.prefetch, "BLOCK", BLOCK_MS, "STREAMS", spec.stream, ">");
    setReading(false);
    if (stopped()) return;
    const entries = parseRead(reply);
    if (entries.length > 0) await store(redis, entries, context);
  }
}

/** Claims and stores entries that other consumers left pending for longer than `claimIdle`. */
async function claimAbandoned(redis: Redis, consumer: string, context: SessionContext<RedisSourceSpec>, stopped: () => boolean): Promise<void> {
  const { spec } = context;
  for (let cursor = "0-0"; !stopped(); ) {
    const reply: unknown = await redis.xautoclaim(spec.stream, spec.group, consumer, spec.claimIdleMs, cursor, "COUNT", spec.prefetch);
    if (!Array.isArray(reply)) return;
    const entries = parseEntries(reply[1]);
    if (entries.length > 0) {
      context.logger.info({ source: spec.name, claimed: entries.length }, `claimed ${entries.length} entries another consumer left pending`);
      await store(redis, entries, context);
    }
    cursor = typeof reply[0] === "string" ? reply[0] : "0-0";
    if (cursor === "0-0") return;
  }
}

/** Stores every entry of a batch, acks those stored; rethrows the first failure after acking the rest. */
async function store(redis: Redis, entries: readonly Entry[], { spec, receive }: SessionContext<RedisSourceSpec>): Promise<void> {
  const settled = await Promise.allSettled(entries.map((entry) => (entry.fields === null ? Promise.resolve() : receive(toBrokerMessage(spec, entry.id, entry.fields)))));
  const done = entries.filter((_, i) => settled[i]?.status === "fulfilled").map((e) => e.id);
  if (done.length > 0) await redis.xack(spec.stream, spec.group, ...done);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
}

/** The entries of an XREADGROUP reply (`[[stream, [[id, [field, value, …]], …]]]` or null). */
function parseRead(reply: unknown): Entry[] {
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((stream: unknown) => (Array.isArray(stream) ? parseEntries(stream[1]) : []));
}

function parseEntries(list: unknown): Entry[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown): Entry[] => {
    if (!Array.isArray(item) || typeof item[0] !== "string") return [];
    const raw: unknown = item[1];
    if (!Array.isArray(raw)) return [{ id: item[0], fields: null }];
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < raw.length; i += 2) fields.set(String(raw[i]), String(raw[i + 1]));
    return [{ id: item[0], fields }];
  });
}

function toBrokerMessage(spec: RedisSourceSpec, id: string, fields: Map<string, string>): BrokerMessage {
  const body = fields.get(spec.field);
  const headers = Object.fromEntries([...fields].filter(([name]) => name !== spec.field));
  return { key: { stream: spec.stream, id }, body: body === undefined ? null : Buffer.from(body, "utf8"), topic: spec.stream, headers };
}
