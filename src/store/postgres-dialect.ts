// PostgreSQL specifics: a tsvector side table with a GIN index for free text, `FOR UPDATE SKIP
// LOCKED` for job claiming by many workers.
import { sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";
import type { StoreDialect } from "./dialect.js";
import { searchTerms } from "./dialect.js";

export const postgresDialect: StoreDialect = {
  name: "postgres",
  supportsSkipLocked: true,
  async indexText(db, rows) {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      // Index whole tokens (`cvm.cloud.tencent`, `disk-77`) and their parts, as SQLite's FTS5 does.
      const values = sql.join(
        chunk.map((r) => sql`(${r.seq}, to_tsvector('simple', ${r.text} || ' ' || regexp_replace(${r.text}, '[^[:alnum:]]+', ' ', 'g')))`),
      );
      await sql`insert into event_text (seq, doc) values ${values} on conflict (seq) do nothing`.execute(db);
    }
  },
  async unindexText(db, seqs) {
    if (seqs.length === 0) return;
    await sql`delete from event_text where seq = any(${seqs.map(Number)}::bigint[])`.execute(db);
  },
  wordFilter(filter) {
    const conditions: RawBuilder<SqlBool>[] = [];
    if (filter.type !== undefined) conditions.push(sql<boolean>`events.type = ${filter.type}`);
    if (filter.subject !== undefined) conditions.push(sql<boolean>`events.subject = ${filter.subject}`);
    const text = filter.text === undefined ? "" : searchTerms(filter.text).join(" ");
    if (text !== "") conditions.push(sql<boolean>`events.seq in (select seq from event_text where doc @@ plainto_tsquery('simple', ${text}))`);
    return conditions.length === 0 ? undefined : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
  },
};
