// The free-text index on SQLite merges its segments in the writer's idle time, not inside
// commits: migration 007 switches FTS5's automatic merging off, and FtsMerger merges in small
// steps until nothing is left, without losing a word. Always SQLite (the PostgreSQL index is
// different), on a real database file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import { FtsMerger } from "../../src/store/sqlite-fts-merge.js";
import { waitFor } from "../support/reflex.js";

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reflex-fts-merge-"));
  store = await openStore({ dataDir: dir });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function indexPages(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from events_fts_data`.execute(store.db);
  return Number(rows[0]?.n);
}

describe("FTS5 segment merging on SQLite", () => {
  it("leaves automatic merging off after the migrations", async () => {
    const { rows } = await sql<{ v: number }>`select v from events_fts_config where k = 'automerge'`.execute(store.db);
    expect(rows[0]?.v).toBe(0);
  });

  it("merges the segments of many small commits in idle steps, keeping every word", async () => {
    // One commit per document: one small segment each, as single-event ingest makes them.
    for (let seq = 1; seq <= 120; seq++) {
      await sql`insert into events_fts (rowid, body) values (${seq}, ${`word${seq % 7} instance ins-${seq}`})`.execute(store.db);
    }
    const before = await indexPages();
    const errors: unknown[] = [];
    new FtsMerger(store.db, (err) => errors.push(err)).added();
    await waitFor(async () => ((await indexPages()) < before / 2 ? true : undefined), "the index to be merged");
    expect(errors).toEqual([]);
    const { rows } = await sql<{ rowid: number }>`select rowid from events_fts where events_fts match 'word3' order by rowid`.execute(store.db);
    expect(rows.map((r) => Number(r.rowid))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1).filter((seq) => seq % 7 === 3));
  });
});
