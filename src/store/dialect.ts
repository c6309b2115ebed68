// What differs between the two databases, gathered behind one small interface so that the
// rest of the store is one Kysely code path. Differences are capability flags and a few
// operations (free-text indexing), never `if (sqlite)` scattered around.
import type { Kysely, RawBuilder, SqlBool } from "kysely";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

/** Filters served by a dialect-chosen index (SQLite: the free-text index; PostgreSQL: B-trees and tsvector). */
export interface WordFilter {
  type?: string;
  subject?: string;
  text?: string;
}

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
  /**
   * One condition for the filters that an index of the dialect's choosing serves: exact `type`
   * and `subject`, and free `text` over the event's words. Undefined when no filter is given.
   */
  wordFilter(filter: WordFilter): RawBuilder<SqlBool> | undefined;
}

/** Splits free text into search terms: words of letters, digits, `-`, `_`, `.`, `:`. */
export function searchTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map((t) => t.replace(/["'()*^:]/g, " ").trim())
    .filter((t) => t.length > 0)
    .slice(0, 16);
}
