// Versioned migrations, run on start. Each migration is code (so it can differ by dialect
// where the databases differ) and runs once, in order, recorded in `reflex_migrations`.
// The migrator does not throw: it reports what ran and the first failure.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DialectName } from "./dialect.js";
import type { Database } from "./schema.js";
import { initial } from "./migrations/001-initial.js";
import { jobClaimOrder } from "./migrations/002-job-claim-order.js";
import { jobFinishedIndex } from "./migrations/003-job-finished-index.js";
import { sqliteTextServedFilters } from "./migrations/004-sqlite-text-served-filters.js";
import { replaySelected } from "./migrations/005-replay-selected.js";
import { rules } from "./migrations/006-rules.js";
import { sqliteFtsMergeByWriter } from "./migrations/007-sqlite-fts-merge-by-writer.js";
import { workflows } from "./migrations/008-workflows.js";
import { secrets } from "./migrations/009-secrets.js";
import { notifications } from "./migrations/010-notifications.js";
import { probesSchedules } from "./migrations/013-probes-schedules.js";
import { drillRuns } from "./migrations/014-drill-runs.js";
import { statsIndexes } from "./migrations/015-stats-indexes.js";
import { topLevelExecutionIndexes } from "./migrations/016-top-level-execution-indexes.js";

export interface Migration {
  /** Unique, sortable name: `NNN-what`. */
  name: string;
  up(db: Kysely<Database>, dialect: DialectName): Promise<void>;
}

/** Every migration, in order. Append only. */
export const migrations: readonly Migration[] = [initial, jobClaimOrder, jobFinishedIndex, sqliteTextServedFilters, replaySelected, rules, sqliteFtsMergeByWriter, workflows, secrets, notifications, probesSchedules, drillRuns, statsIndexes, topLevelExecutionIndexes];

export interface MigrationResult {
  applied: string[];
  error?: { migration: string; message: string };
}

/** Applies the migrations not yet recorded, each in its own transaction. */
export async function migrate(db: Kysely<Database>, dialect: DialectName): Promise<MigrationResult> {
  await sql`create table if not exists reflex_migrations (name text primary key, applied_ms bigint not null)`.execute(db);
  const done = new Set(
    (await sql<{ name: string }>`select name from reflex_migrations`.execute(db)).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    try {
      await db.transaction().execute(async (trx) => {
        // Several nodes may start at once: one migrates, the others wait and then skip.
        if (dialect === "postgres") await sql`lock table reflex_migrations in exclusive mode`.execute(trx);
        const again = await sql<{ name: string }>`select name from reflex_migrations where name = ${m.name}`.execute(trx);
        if (again.rows.length > 0) return;
        await m.up(trx, dialect);
        await sql`insert into reflex_migrations (name, applied_ms) values (${m.name}, ${Date.now()})`.execute(trx);
        applied.push(m.name);
      });
    } catch (err) {
      return { applied, error: { migration: m.name, message: err instanceof Error ? err.message : String(err) } };
    }
  }
  return { applied };
}
