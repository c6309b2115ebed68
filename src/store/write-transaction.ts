// Read-decide-write transactions (a throttle bucket, a rule match, a workflow step)
// must not interleave with another node's on the same rows. PostgreSQL locks the rows read
// (FOR UPDATE, see rule-state-repository.ts). SQLite has one writer at a time, but a plain
// BEGIN takes its write lock only at the first write: a transaction that read first and then
// writes after another connection committed fails with SQLITE_BUSY at once. BEGIN IMMEDIATE
// takes the write lock up front, waiting (busy_timeout) for the other writer instead.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Store } from "./open-store.js";
import type { Database } from "./schema.js";

/** Runs `work` in a transaction that may read, decide and write without interleaving with other writers. */
export async function writeTransaction<T>(store: Store, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (store.dialect.supportsSkipLocked) return store.db.transaction().execute(work);
  return store.db.connection().execute(async (db) => {
    await sql`begin immediate`.execute(db);
    try {
      const result = await work(db);
      await sql`commit`.execute(db);
      return result;
    } catch (err) {
      // The connection is shared: never hand it back inside an open transaction.
      await sql`rollback`.execute(db).catch(() => undefined);
      throw err;
    }
  });
}
