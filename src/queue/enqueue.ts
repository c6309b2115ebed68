// Adds jobs. `db` may be a transaction, so a caller can store an event and the jobs it causes
// in one commit (the outbox). An idempotency key makes enqueueing safe to repeat: the second
// call finds the first job (even one still being committed by another transaction, which
// PostgreSQL waits for) and creates nothing.
import type { Insertable, Kysely } from "kysely";
import type { Clock } from "../core/clock.js";
import { ConflictError } from "../core/errors.js";
import type { Database, JobsTable } from "../store/schema.js";
import { newJobValues } from "./job-values.js";
import type { EnqueueOptions, EnqueueResult } from "./types.js";

/** Rows per statement; 19 columns a row stays far below both databases' parameter limits. */
const CHUNK = 200;

/** Enqueues one job; with a known idempotency key, returns the existing job's id instead. */
export async function enqueue(db: Kysely<Database>, clock: Clock, opts: EnqueueOptions): Promise<EnqueueResult> {
  const [result] = await insertJobs(db, [newJobValues(opts, clock.now())]);
  if (!result) throw new ConflictError("enqueue produced no result; retry the enqueue");
  return result;
}

/**
 * Enqueues several jobs; returns one result per option, in order. A key repeated within the
 * call, like a key already stored, yields the first job's id with `created: false`.
 */
export async function enqueueMany(db: Kysely<Database>, clock: Clock, opts: readonly EnqueueOptions[]): Promise<EnqueueResult[]> {
  const now = clock.now();
  return insertJobs(db, opts.map((o, i) => newJobValues(o, now, `/${i}`)));
}

async function insertJobs(db: Kysely<Database>, values: readonly Insertable<JobsTable>[]): Promise<EnqueueResult[]> {
  const firstWithKey = new Map<string, string>();
  const fresh = values.filter((v) => {
    if (v.idempotency_key == null) return true;
    if (firstWithKey.has(v.idempotency_key)) return false;
    firstWithKey.set(v.idempotency_key, v.id);
    return true;
  });

  const inserted = new Set<string>();
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = await db
      .insertInto("jobs")
      .values(fresh.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("id")
      .execute();
    for (const r of rows) inserted.add(r.id);
  }

  const idOfKey = new Map([...firstWithKey].filter(([, id]) => inserted.has(id)));
  const taken = [...firstWithKey.keys()].filter((key) => !idOfKey.has(key));
  for (const [key, id] of await storedIds(db, taken)) idOfKey.set(key, id);

  return values.map((v) => {
    if (v.idempotency_key == null) return { id: v.id, created: true };
    const id = idOfKey.get(v.idempotency_key);
    if (id === undefined) {
      throw new ConflictError(`the job with idempotency key '${v.idempotency_key}' was deleted while this enqueue ran; retry the enqueue`);
    }
    return { id, created: id === v.id };
  });
}

async function storedIds(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.selectFrom("jobs").select(["id", "idempotency_key"]).where("idempotency_key", "in", keys.slice(i, i + CHUNK)).execute();
    for (const r of rows) if (r.idempotency_key !== null) found.set(r.idempotency_key, r.id);
  }
  return found;
}
