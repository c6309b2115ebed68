// What the Overview page charts: per time bucket, how many events were stored, rules matched,
// delivery attempts failed, deliveries went dead, executions started, succeeded and failed,
// and the time to repair of rule-started executions; plus the counts that matter right now.
// Each series is one GROUP BY over a range scan of an index (migration 015 and the
// `*_created` indexes), so the cost follows the rows in the window, not the table sizes.
// Buckets are numbered from the window's start with integer division, the same SQL on both
// databases; the numbers go into the query as parameters.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** A window cut into equal buckets: `[fromMs, fromMs + count × bucketMs)`. */
export interface StatsWindow {
  fromMs: number;
  bucketMs: number;
  count: number;
}

/** One bucket's counts. */
export interface StatsBucket {
  /** Start of the bucket (epoch ms). */
  startMs: number;
  events: number;
  ruleMatches: number;
  /** Delivery attempts that failed (each retry counts). */
  deliveriesFailed: number;
  /** Deliveries that ended dead. */
  deliveriesDead: number;
  /** Top-level executions created. */
  executionsStarted: number;
  executionsSucceeded: number;
  /** Top-level executions that ended `failed` or `timeout`. */
  executionsFailed: number;
  /** Mean time from the triggering event's time to the success of rule-started executions; null without any. */
  mttrMs: number | null;
  /** How many executions `mttrMs` averages. */
  mttrCount: number;
}

/** Counts of now, whatever the window. */
export interface CurrentCounts {
  /** Top-level executions under way: not ended (waiting for a slot, an approval, or paused included). */
  executionsRunning: number;
  /** Approvals `pending`. */
  approvalsWaiting: number;
  /** Deliveries `dead` (the dead letters). */
  deadLetters: number;
}

/** Execution statuses that count as a failure. */
const FAILED = ["failed", "timeout"] as const;

/** Execution statuses of one not yet ended (every status but succeeded, failed, timeout, canceled). */
const UNDER_WAY = ["requested", "running", "pending", "pausing", "paused", "resuming", "canceling"] as const;

/** Trigger keys of executions a rule delivery started: `delivery:<delivery id>`. */
const DELIVERY_TRIGGER = "delivery:";

/** Every series of the window, one entry per bucket (empty buckets hold zeros). */
export async function bucketStats(db: Kysely<Database>, window: StatsWindow): Promise<StatsBucket[]> {
  const buckets: StatsBucket[] = Array.from({ length: window.count }, (_, i) => ({
    startMs: window.fromMs + i * window.bucketMs,
    events: 0,
    ruleMatches: 0,
    deliveriesFailed: 0,
    deliveriesDead: 0,
    executionsStarted: 0,
    executionsSucceeded: 0,
    executionsFailed: 0,
    mttrMs: null,
    mttrCount: 0,
  }));
  const add = (rows: readonly { b: number | string; n: number | string }[], field: CountField): void => {
    for (const row of rows) {
      const target = buckets[Number(row.b)];
      if (target) target[field] += Number(row.n);
    }
  };
  const q = statsQueries(db, window);
  add(await q.events.execute(), "events");
  add(await q.ruleMatches.execute(), "ruleMatches");
  add(await q.deliveriesFailed.execute(), "deliveriesFailed");
  add(await q.deliveriesDead.execute(), "deliveriesDead");
  add(await q.executionsStarted.execute(), "executionsStarted");
  const ended = await q.executionsEnded.execute();
  add(
    ended.filter((r) => r.status === "succeeded"),
    "executionsSucceeded",
  );
  add(
    ended.filter((r) => r.status !== "succeeded"),
    "executionsFailed",
  );
  for (const row of await q.repairTimes.execute()) {
    const target = buckets[Number(row.b)];
    if (!target) continue;
    target.mttrCount = Number(row.n);
    target.mttrMs = Math.round(Number(row.total) / target.mttrCount);
  }
  return buckets;
}

type CountField = "events" | "ruleMatches" | "deliveriesFailed" | "deliveriesDead" | "executionsStarted" | "executionsSucceeded" | "executionsFailed";

/**
 * The queries behind `bucketStats`, one per series, each answering `{b, n}` rows (bucket
 * number, count); exported so tests can EXPLAIN them. `repairTimes` answers, per bucket of the
 * end time, how many rule-started executions succeeded and the sum of (end − time of the event
 * that triggered the delivery that started them): the execution's trigger key names the
 * delivery, the delivery names its event by seq (both primary keys).
 */
export function statsQueries(db: Kysely<Database>, window: StatsWindow) {
  const { fromMs } = window;
  const toMs = fromMs + window.count * window.bucketMs;
  const bucket = (column: string) => sql<number>`cast((${sql.ref(column)} - ${fromMs}) / ${window.bucketMs} as integer)`.as("b");
  return {
    events: db
      .selectFrom("events")
      .select([bucket("received_ms"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("received_ms", ">=", fromMs)
      .where("received_ms", "<", toMs)
      .groupBy(sql`b`),
    ruleMatches: db
      .selectFrom("rule_matches")
      .select([bucket("created_ms"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("created_ms", ">=", fromMs)
      .where("created_ms", "<", toMs)
      .groupBy(sql`b`),
    deliveriesFailed: db
      .selectFrom("delivery_attempts")
      .select([bucket("started_ms"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("started_ms", ">=", fromMs)
      .where("started_ms", "<", toMs)
      .where("outcome", "=", "failed")
      .groupBy(sql`b`),
    deliveriesDead: db
      .selectFrom("deliveries")
      .select([bucket("finished_ms"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "=", "dead")
      .where("finished_ms", ">=", fromMs)
      .where("finished_ms", "<", toMs)
      .groupBy(sql`b`),
    executionsStarted: db
      .selectFrom("executions")
      .select([bucket("created_ms"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("created_ms", ">=", fromMs)
      .where("created_ms", "<", toMs)
      .where("parent_id", "is", null)
      .groupBy(sql`b`),
    executionsEnded: db
      .selectFrom("executions")
      .select([bucket("finished_ms"), "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["succeeded", ...FAILED])
      .where("finished_ms", ">=", fromMs)
      .where("finished_ms", "<", toMs)
      .where("parent_id", "is", null)
      .groupBy([sql`b`, "status"]),
    repairTimes: db
      .selectFrom("executions as x")
      .innerJoin("deliveries as d", (join) => join.on("d.id", "=", sql<string>`substr(x.trigger_key, ${DELIVERY_TRIGGER.length + 1})`))
      .innerJoin("events as e", "e.seq", "d.event_seq")
      .select([bucket("x.finished_ms"), (eb) => eb.fn.countAll<number>().as("n"), sql<number>`sum(x.finished_ms - e.time_ms)`.as("total")])
      .where("x.status", "=", "succeeded")
      .where("x.finished_ms", ">=", fromMs)
      .where("x.finished_ms", "<", toMs)
      .where("x.trigger_key", "like", `${DELIVERY_TRIGGER}%`)
      .groupBy(sql`b`),
  };
}

/** The counts of now. */
export async function currentCounts(db: Kysely<Database>): Promise<CurrentCounts> {
  const q = currentQueries(db);
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string }> }): Promise<number> => Number((await query.executeTakeFirstOrThrow()).n);
  return {
    executionsRunning: await count(q.executionsRunning),
    approvalsWaiting: await count(q.approvalsWaiting),
    deadLetters: await count(q.deadLetters),
  };
}

/** The queries behind `currentCounts`, each answering one `{n}` row; exported so tests can EXPLAIN them. */
export function currentQueries(db: Kysely<Database>) {
  return {
    executionsRunning: db
      .selectFrom("executions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", UNDER_WAY)
      .where("parent_id", "is", null),
    approvalsWaiting: db.selectFrom("approvals").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending"),
    deadLetters: db.selectFrom("deliveries").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "dead"),
  };
}
