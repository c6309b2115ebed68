// SQLite specifics: FTS5 (a contentless table keyed by the event's seq) for free text. SQLite
// has one writer at a time, so job claiming needs no row locks.
//
// `type` and `subject` have no B-tree index here: with many subjects, each commit would write
// a page of that index per distinct value, which cost a third of ingest time. The free-text
// index already holds every event's type and subject as words, so an exact filter first takes
// the events containing that phrase from FTS5, then compares the value exactly.
import { sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";
import type { StoreDialect } from "./dialect.js";
import { searchTerms } from "./dialect.js";

/** Longest value looked up through the free-text index: events/normalize.ts SEARCH_TEXT_KEY_LIMIT keeps type and subject whole up to this. */
const MAX_PHRASE = 1_000;

function hasWords(value: string): boolean {
  return /[\p{L}\p{N}]/u.test(value);
}

/** An FTS5 phrase: the words of `value` in order. */
function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

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
  wordFilter(filter) {
    const exact: RawBuilder<SqlBool>[] = [];
    const phrases: string[] = [];
    for (const column of ["type", "subject"] as const) {
      const value = filter[column];
      if (value === undefined) continue;
      exact.push(sql<boolean>`${sql.ref(`events.${column}`)} = ${value}`);
      // A value without letters or digits has no words to look up; one longer than the index keeps whole is compared only.
      if (hasWords(value) && value.length <= MAX_PHRASE) phrases.push(quote(value));
    }
    if (filter.text !== undefined) phrases.push(...searchTerms(filter.text).filter(hasWords).map(quote));
    if (phrases.length > 0) {
      exact.push(sql<boolean>`events.seq in (select rowid from events_fts where events_fts match ${phrases.join(" AND ")})`);
    }
    return exact.length === 0 ? undefined : sql<boolean>`(${sql.join(exact, sql` and `)})`;
  },
};
