// What differs between the two databases, gathered behind one small interface so that the
// rest of the store is one Kysely code path. Differences are capability flags and a few
// operations (free-text indexing), never `if (sqlite)` scattered around.
import type { Kysely, RawBuilder, SqlBool } from "kysely";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

/** One row for the free-text index: the event's sequence number and its searchable text. */
export interface TextIndexRow {
  seq: number;
  text: string;
}

export interface StoreDialect {
  readonly name: DialectName;
  /** Job claiming can use `FOR UPDATE SKIP LOCKED` (several claimers at once). */
  readonly supportsSkipLocked: boolean;
  /** Adds rows to the free-text index, inside the caller's transaction. */
  indexText(db: Kysely<Database>, rows: readonly TextIndexRow[]): Promise<void>;
  /** Removes rows from the free-text index. */
  unindexText(db: Kysely<Database>, seqs: readonly number[]): Promise<void>;
  /** A condition on `events.seq` that keeps events whose text matches the query. */
  textMatch(query: string): RawBuilder<SqlBool>;
}

/** Splits free text into search terms: words of letters, digits, `-`, `_`, `.`, `:`. */
export function searchTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map((t) => t.replace(/["'()*^:]/g, " ").trim())
    .filter((t) => t.length > 0)
    .slice(0, 16);
}
