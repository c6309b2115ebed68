// On SQLite, FTS5 merges its index segments automatically inside the commit that adds a
// segment; with a large index one such merge takes tens of milliseconds, and every event
// waiting on that commit waits with it (it set the ingest p99 at 1,000 events/s). From here
// the writer thread merges in small steps while it is idle (sqlite-fts-merge.ts), so automatic
// merging is switched off. FTS5 keeps the setting in the database. PostgreSQL has nothing to do.
import { sql } from "kysely";
import type { Migration } from "../migrate.js";

export const sqliteFtsMergeByWriter: Migration = {
  name: "007-sqlite-fts-merge-by-writer",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    await sql`insert into events_fts (events_fts, rank) values ('automerge', 0)`.execute(db);
  },
};
