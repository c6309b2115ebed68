// One scheduler at a time across nodes. Several `reflex up --role scheduler` processes may run
// on one PostgreSQL (for availability); each periodic duty (retention, pruning) runs on one of
// them per round: the round's work runs while its transaction holds a transaction-level
// advisory lock, and a node that cannot take the lock skips the round. No home-made
// consensus: when the holder dies, its transaction ends and the next round goes to another
// node. SQLite serves one node, which always runs the duty.
import { sql } from "kysely";
import type { Store } from "./open-store.js";

/** Runs `duty` if no other node is running duty `name` now; resolves to undefined when skipped. */
export async function asTheScheduler<T>(store: Store, name: string, duty: () => Promise<T>): Promise<T | undefined> {
  if (!store.dialect.supportsSkipLocked) return duty();
  return store.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ held: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`reflex.scheduler:${name}`})) as held`.execute(trx);
    if (rows[0]?.held !== true) return undefined;
    return duty();
  });
}
