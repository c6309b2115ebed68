// Entry of the SQLite writer thread. It opens its own connection to the database file (same
// settings as the main thread's; the main thread has already run the migrations) and commits
// each group of events it is sent in one transaction, with the same `appendEvents` as
// everywhere else. Committing here keeps the main thread free to read and parse requests
// while SQLite writes, and lets the next group grow meanwhile. Between groups it merges the
// free-text index in small steps (sqlite-fts-merge.ts), so no commit carries a long merge.
import { parentPort, workerData } from "node:worker_threads";
import { appendEvents } from "./event-repository.js";
import { connectSqlite } from "./open-store.js";
import type { AppendReply, AppendRequest } from "./sqlite-append-protocol.js";
import { isAppendRequest, isAppendWorkerData } from "./sqlite-append-protocol.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { FtsMerger } from "./sqlite-fts-merge.js";

const port = parentPort;
if (!port) throw new Error("sqlite-append-worker runs only as a worker thread (started by SqliteAppendThread)");
if (!isAppendWorkerData(workerData)) throw new Error("the SQLite writer thread was started without the database file path");
const db = connectSqlite(workerData.file);
// A failed merge step ends the thread like a failed message would; the main thread starts a new one.
const merger = new FtsMerger(db, (err) => setImmediate(() => {
  throw err;
}));

/** Commits one request's rows in one transaction; a failure is reported, not thrown. */
async function commit({ id, rows }: AppendRequest): Promise<AppendReply> {
  try {
    const seqs = await db.transaction().execute((trx) => appendEvents(trx, sqliteDialect, rows));
    if (seqs.some((seq) => seq !== null)) merger.added();
    return { id, seqs };
  } catch (err) {
    return { id, error: err instanceof Error ? err.message : String(err) };
  }
}

// Kysely holds the one connection behind a mutex, so requests commit one at a time, in order.
// Anything thrown here ends the thread; the main thread then rejects what it had sent.
port.on("message", (message: unknown) => {
  if (!isAppendRequest(message)) throw new Error("the SQLite writer thread received a message that is not an append request");
  void commit(message).then((reply) => port.postMessage(reply));
});
