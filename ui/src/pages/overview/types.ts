// The answer of `GET /api/v1/stats/overview` as the Overview page reads it. The server's schema
// (src/server/routes/stats.ts) is the contract: every series per time bucket, the window's
// totals, and the counts of now.

/** One time bucket's counts; `start` is RFC 3339, buckets are `bucketMs` long. */
export interface StatsBucket {
  start: string;
  events: number;
  ruleMatches: number;
  /** Delivery attempts that failed (each retry counts). */
  deliveriesFailed: number;
  /** Deliveries that ended dead. */
  deliveriesDead: number;
  executionsStarted: number;
  executionsSucceeded: number;
  /** Top-level executions that ended failed or timeout. */
  executionsFailed: number;
  /** Mean time from the triggering event to the success of rule-started executions ending in the bucket. */
  mttrMs: number | null;
  mttrCount: number;
}

/** The window's sums (`mttrMs` is the mean over every repair of the window). */
export type StatsTotals = Omit<StatsBucket, "start">;

/** Counts of now, whatever the window (`executionsFailed` is over the window). */
export interface StatsCurrent {
  executionsRunning: number;
  executionsFailed: number;
  approvalsWaiting: number;
  deadLetters: number;
}

/** `GET /api/v1/stats/overview?window=&bucket=`. */
export interface StatsOverview {
  from: string;
  to: string;
  bucketMs: number;
  buckets: StatsBucket[];
  totals: StatsTotals;
  current: StatsCurrent;
}
