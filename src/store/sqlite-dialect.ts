// SQLite specifics: FTS5 (a contentless table keyed by the event's seq) for free text. SQLite
// has one writer at a time, so job claiming needs no row locks.
import { sql } from "kysely";
import type { StoreDialect } from "./dialect.js";
import { searchTerms } from "./dialect.js";

export const sqliteDialect: StoreDialect = {
  name: "sqlite",
  supportsSkipLocked: false,
  async indexText(db, rows) {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      const values = sql.join(chunk.map((r) => sql`(${r.seq}, ${r.text})`));
      await sql`insert into events_fts (rowid, body) values ${values}`.execute(db);
    }
  },
  async unindexText(db, seqs) {
    for (let i = 0; i < seqs.length; i += 500) {
      const chunk = seqs.slice(i, i + 500);
      await sql`delete from events_fts where rowid in (${sql.join(chunk)})`.execute(db);
    }
  },
  textMatch(query) {
    const phrase = searchTerms(query)
      .map((t) => `"${t.replace(/"/g, '""')}"`)
      .join(" ");
    return sql<boolean>`events.seq in (select rowid from events_fts where events_fts match ${phrase})`;
  },
};
