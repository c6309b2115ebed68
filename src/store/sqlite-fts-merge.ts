// Merges the free-text index's segments in small steps while the SQLite writer thread has
// nothing to commit. Each commit of events adds a segment to FTS5; left alone, segments pile
// up and searches slow down, and FTS5's own merging (switched off by migration 007) would do
// the work in one long stretch inside some commit. Here each step is its own short
// transaction of at most MERGE_PAGES pages, and the next step waits one turn of the event
// loop, so a group of events that arrives meanwhile is committed first. A level holding many
// segments still triggers FTS5's "crisis merge" in a commit, which only happens when the
// writer is never idle (sustained maximum load).
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Pages of merging per step: one to a few milliseconds of work, measured under load. */
const MERGE_PAGES = 16;

export class FtsMerger {
  /** Counts commits that added segments; merging stops once it finds nothing to do after the latest. */
  private addedCount = 0;
  private mergedUpTo = 0;
  private scheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Called after a commit that added to the index: merge when the writer is next idle. */
  added(): void {
    this.addedCount++;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.mergedUpTo === this.addedCount) return;
    this.scheduled = true;
    setImmediate(() => {
      const upTo = this.addedCount;
      this.step().then((more) => {
        this.scheduled = false;
        if (!more) this.mergedUpTo = upTo;
        this.schedule();
      }, this.onError);
    });
  }

  /** One bounded merge step; false when there was nothing left to merge. */
  private async step(): Promise<boolean> {
    const before = await totalChanges(this.db);
    await sql`insert into events_fts (events_fts, rank) values ('merge', ${sql.lit(MERGE_PAGES)})`.execute(this.db);
    // FTS5 reports merge work only through the change counter: below 2 means nothing merged.
    return (await totalChanges(this.db)) - before >= 2;
  }
}

async function totalChanges(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
