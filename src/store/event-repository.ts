// Reads and writes stored events. Appends are idempotent on (bus, source, id): a duplicate is
// reported, never stored twice. Searches walk the sequence number newest first with a cursor.
import type { Insertable, Kysely } from "kysely";
import type { CloudEvent, StoredEvent } from "../core/event.js";
import type { StoreDialect } from "./dialect.js";
import type { Database, EventRow, JobsTable } from "./schema.js";

/** One event to append. */
export interface AppendRow {
  bus: string;
  event: CloudEvent;
  timeMs: number;
  receivedMs: number;
  schemaError: string | null;
  /** Text for the free-text index. */
  text: string;
  /**
   * Jobs this event causes (the outbox: e.g. dispatching it to the rules it matched), inserted
   * in the same transaction only if the event is stored, not when it is a duplicate. Their
   * idempotency keys make a repeated insert harmless.
   */
  outbox?: readonly Insertable<JobsTable>[];
}

/** Filters for searching events; all optional, combined with AND. */
export interface EventFilter {
  bus?: string;
  source?: string;
  type?: string;
  subject?: string;
  /** Event time at or after (epoch ms). */
  fromMs?: number;
  /** Event time before (epoch ms). */
  toMs?: number;
  /** Free text over source, type, subject, extensions and data. */
  text?: string;
  /** Only events older than this sequence number (the cursor). */
  beforeSeq?: number;
  /** Only events newer than this sequence number (a live tail's last one). */
  afterSeq?: number;
}

const INSERT_CHUNK = 200;

/** Appends events; returns, for each row in order, the stored seq or `null` for a duplicate. */
export async function appendEvents(db: Kysely<Database>, dialect: StoreDialect, rows: readonly AppendRow[]): Promise<(number | null)[]> {
  const seqByKey = new Map<string, number>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const inserted = await db
      .insertInto("events")
      .values(
        chunk.map((r) => ({
          bus: r.bus,
          source: r.event.source,
          id: r.event.id,
          type: r.event.type,
          subject: r.event.subject ?? null,
          time_ms: r.timeMs,
          received_ms: r.receivedMs,
          envelope: JSON.stringify(r.event),
          schema_error: r.schemaError,
        })),
      )
      .onConflict((oc) => oc.columns(["bus", "source", "id"]).doNothing())
      .returning(["seq", "bus", "source", "id"])
      .execute();
    for (const row of inserted) seqByKey.set(identityKey(row.bus, row.source, row.id), row.seq);
  }
  const result: (number | null)[] = [];
  const textRows: { seq: number; text: string }[] = [];
  for (const r of rows) {
    const key = identityKey(r.bus, r.event.source, r.event.id);
    const seq = seqByKey.get(key);
    if (seq === undefined) {
      result.push(null);
    } else {
      result.push(seq);
      textRows.push({ seq, text: r.text });
      seqByKey.delete(key); // a later copy in the same batch is a duplicate
    }
  }
  if (textRows.length > 0) await dialect.indexText(db, textRows);
  const jobs = rows.flatMap((r, i) => (result[i] !== null && r.outbox ? r.outbox : []));
  for (let i = 0; i < jobs.length; i += INSERT_CHUNK) {
    await db.insertInto("jobs").values(jobs.slice(i, i + INSERT_CHUNK)).onConflict((oc) => oc.column("idempotency_key").doNothing()).execute();
  }
  return result;
}

function identityKey(bus: string, source: string, id: string): string {
  return `${bus}\u0000${source}\u0000${id}`;
}

/** Newest-first search; returns at most `limit` events. */
export async function searchEvents(db: Kysely<Database>, dialect: StoreDialect, filter: EventFilter, limit: number): Promise<StoredEvent[]> {
  let q = db.selectFrom("events").selectAll();
  if (filter.bus !== undefined) q = q.where("bus", "=", filter.bus);
  if (filter.source !== undefined) q = q.where("source", "=", filter.source);
  if (filter.fromMs !== undefined) q = q.where("time_ms", ">=", filter.fromMs);
  if (filter.toMs !== undefined) q = q.where("time_ms", "<", filter.toMs);
  if (filter.beforeSeq !== undefined) q = q.where("seq", "<", filter.beforeSeq);
  if (filter.afterSeq !== undefined) q = q.where("seq", ">", filter.afterSeq);
  const words = dialect.wordFilter({ type: filter.type, subject: filter.subject, text: filter.text });
  if (words) q = q.where(words);
  const rows = await q.orderBy("seq", "desc").limit(limit).execute();
  return rows.map(toStoredEvent);
}

/** Events of one bus in an event-time window, oldest first after `afterSeq` (for replays). */
export async function scanEvents(
  db: Kysely<Database>,
  window: { bus: string; fromMs: number; toMs: number; afterSeq: number },
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("bus", "=", window.bus)
    .where("time_ms", ">=", window.fromMs)
    .where("time_ms", "<", window.toMs)
    .where("seq", ">", window.afterSeq)
    .orderBy("seq", "asc")
    .limit(limit)
    .execute();
  return rows.map(toStoredEvent);
}

/** Counts events of one bus in an event-time window. */
export async function countEvents(db: Kysely<Database>, window: { bus: string; fromMs: number; toMs: number }): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("bus", "=", window.bus)
    .where("time_ms", ">=", window.fromMs)
    .where("time_ms", "<", window.toMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Finds events by their CloudEvents id, newest first (ids are unique per bus and source). */
export async function findEventsById(db: Kysely<Database>, id: string, scope: { bus?: string; source?: string } = {}): Promise<StoredEvent[]> {
  let q = db.selectFrom("events").selectAll().where("id", "=", id);
  if (scope.bus !== undefined) q = q.where("bus", "=", scope.bus);
  if (scope.source !== undefined) q = q.where("source", "=", scope.source);
  const rows = await q.orderBy("seq", "desc").limit(20).execute();
  return rows.map(toStoredEvent);
}

/** The stored events with these sequence numbers (those still kept), in sequence order. */
export async function findEventsBySeq(db: Kysely<Database>, seqs: readonly number[]): Promise<StoredEvent[]> {
  const rows: EventRow[] = [];
  for (let i = 0; i < seqs.length; i += 500) {
    rows.push(...(await db.selectFrom("events").selectAll().where("seq", "in", seqs.slice(i, i + 500)).execute()));
  }
  return rows.map(toStoredEvent).sort((a, b) => a.seq - b.seq);
}

/**
 * Deletes events of a bus received before `cutoffMs`, and beyond the newest `maxCount`,
 * at most `batch` at a time; returns how many were deleted.
 */
export async function pruneEvents(
  db: Kysely<Database>,
  dialect: StoreDialect,
  bus: string,
  rule: { cutoffMs?: number; maxCount?: number },
  batch: number,
): Promise<number> {
  const seqs: number[] = [];
  if (rule.cutoffMs !== undefined) {
    const old = await db.selectFrom("events").select("seq").where("bus", "=", bus).where("received_ms", "<", rule.cutoffMs).orderBy("seq").limit(batch).execute();
    seqs.push(...old.map((r) => r.seq));
  }
  if (rule.maxCount !== undefined && seqs.length < batch) {
    const keepFrom = await db.selectFrom("events").select("seq").where("bus", "=", bus).orderBy("seq", "desc").offset(rule.maxCount).limit(1).executeTakeFirst();
    if (keepFrom) {
      const excess = await db.selectFrom("events").select("seq").where("bus", "=", bus).where("seq", "<=", keepFrom.seq).orderBy("seq").limit(batch - seqs.length).execute();
      seqs.push(...excess.map((r) => r.seq));
    }
  }
  const unique = [...new Set(seqs)];
  if (unique.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("events").where("seq", "in", unique).execute();
    await dialect.unindexText(trx, unique);
  });
  return unique.length;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    bus: row.bus,
    receivedAt: Number(row.received_ms),
    schemaError: row.schema_error,
    event: JSON.parse(row.envelope) as CloudEvent,
  };
}
