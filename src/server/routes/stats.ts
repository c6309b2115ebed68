// The Overview page's numbers in one request: `GET /api/v1/stats/overview?window=1h&bucket=1m`
// answers every time series of the window (events stored, rule matches, failed delivery
// attempts, dead letters, executions started, succeeded and failed, time to repair) and the
// counts of now. Buckets are aligned to multiples of their size (UTC), the last one holding
// now, so two polls a few seconds apart chart the same bars.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { parseDuration } from "../../core/duration.js";
import { ValidationError } from "../../core/errors.js";
import { formatRfc3339 } from "../../core/rfc3339.js";
import { parseTimeParam } from "../../core/time.js";
import { bucketStats, currentCounts } from "../../store/stats-repository.js";
import type { StatsBucket, StatsWindow } from "../../store/stats-repository.js";
import type { ServerContext } from "../context.js";
import { Problem } from "../schemas.js";

/** Most buckets one answer holds. */
export const MAX_BUCKETS = 1440;
/** Longest window. */
const MAX_WINDOW_MS = 90 * 86_400_000;
/** Shortest bucket. */
const MIN_BUCKET_MS = 1000;
/** Bucket sizes chosen when none is asked for: the smallest that gives at most 120 bars. */
const NICE_BUCKETS_MS = [10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];

const Query = Type.Object({
  window: Type.Optional(Type.String({ default: "1h", description: "how far back: a duration (15m, 1h, 24h, 7d); at most 90d" })),
  bucket: Type.Optional(Type.String({ description: "bucket size: a duration (10s, 1m, 1h); at least 1s, at most 1440 buckets; default: about 60–120 buckets" })),
  to: Type.Optional(Type.String({ description: "the window's end (default now): RFC 3339, epoch ms, or a duration ago" })),
});

const Count = Type.Integer({ minimum: 0 });
const Bucket = Type.Object({
  start: Type.String({ format: "date-time" }),
  events: Count,
  ruleMatches: Count,
  deliveriesFailed: Type.Integer({ minimum: 0, description: "delivery attempts that failed (each retry counts)" }),
  deliveriesDead: Type.Integer({ minimum: 0, description: "deliveries that ended dead" }),
  executionsStarted: Count,
  executionsSucceeded: Count,
  executionsFailed: Type.Integer({ minimum: 0, description: "ended failed or timeout" }),
  mttrMs: Type.Union([Type.Integer(), Type.Null()], { description: "mean time from the triggering event's time to the success of rule-started executions that ended in the bucket" }),
  mttrCount: Count,
});
const Overview = Type.Object({
  from: Type.String({ format: "date-time" }),
  to: Type.String({ format: "date-time" }),
  bucketMs: Type.Integer(),
  buckets: Type.Array(Bucket),
  totals: Type.Object({
    events: Count,
    ruleMatches: Count,
    deliveriesFailed: Count,
    deliveriesDead: Count,
    executionsStarted: Count,
    executionsSucceeded: Count,
    executionsFailed: Count,
    mttrMs: Type.Union([Type.Integer(), Type.Null()]),
    mttrCount: Count,
  }),
  current: Type.Object({
    executionsRunning: Type.Integer({ minimum: 0, description: "top-level executions under way (not ended: running, waiting for a slot or an approval, paused, …)" }),
    executionsFailed: Type.Integer({ minimum: 0, description: "top-level executions that ended failed or timeout in the window" }),
    approvalsWaiting: Count,
    deadLetters: Count,
  }),
});

export function statsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { window?: string; bucket?: string; to?: string } }>(
    "/api/v1/stats/overview",
    {
      config: { access: "viewer" },
      schema: {
        summary: "Time series and current counts for the overview page",
        description: "Executions are top-level ones (sub-workflows are part of their parent). See docs/http-api.md#stats for the definitions.",
        tags: ["stats"],
        querystring: Query,
        response: { 200: Overview, 400: Problem },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const end = request.query.to === undefined ? now : parseTimeParam(request.query.to, now, "to");
      const window = statsWindow(request.query.window ?? "1h", request.query.bucket, end);
      const [buckets, current] = await Promise.all([bucketStats(ctx.store.db, window), currentCounts(ctx.store.db)]);
      const totals = sumBuckets(buckets);
      return {
        from: formatRfc3339(window.fromMs),
        to: formatRfc3339(window.fromMs + window.count * window.bucketMs),
        bucketMs: window.bucketMs,
        buckets: buckets.map(({ startMs, ...counts }) => ({ start: formatRfc3339(startMs), ...counts })),
        totals,
        current: { ...current, executionsFailed: totals.executionsFailed },
      };
    },
  );
}

/**
 * The buckets for `window` (a duration) ending with the bucket that holds `endMs`. Throws a
 * ValidationError naming the parameter for a window or bucket out of bounds.
 */
export function statsWindow(windowText: string, bucketText: string | undefined, endMs: number): StatsWindow {
  const windowMs = parseDuration(windowText, "window");
  if (windowMs < MIN_BUCKET_MS || windowMs > MAX_WINDOW_MS) throw new ValidationError(`window: '${windowText}' must be between 1s and 90d`, { pointer: "/window" });
  const bucketMs = bucketText === undefined ? niceBucket(windowMs) : parseDuration(bucketText, "bucket");
  if (bucketMs < MIN_BUCKET_MS || bucketMs > windowMs) throw new ValidationError(`bucket: '${bucketText ?? ""}' must be at least 1s and at most the window (${windowText})`, { pointer: "/bucket" });
  const count = Math.ceil(windowMs / bucketMs);
  if (count > MAX_BUCKETS) {
    throw new ValidationError(`bucket: '${bucketText ?? ""}' cuts the ${windowText} window into ${count} buckets; at most ${MAX_BUCKETS}: choose a bucket of at least ${Math.ceil(windowMs / MAX_BUCKETS / 1000)}s`, { pointer: "/bucket" });
  }
  const lastStart = Math.floor(endMs / bucketMs) * bucketMs;
  return { fromMs: lastStart - (count - 1) * bucketMs, bucketMs, count };
}

function niceBucket(windowMs: number): number {
  return NICE_BUCKETS_MS.find((size) => windowMs / size <= 120) ?? Math.ceil(windowMs / 120);
}

function sumBuckets(buckets: readonly StatsBucket[]) {
  const sum = (pick: (b: StatsBucket) => number): number => buckets.reduce((total, b) => total + pick(b), 0);
  const mttrCount = sum((b) => b.mttrCount);
  const mttrTotal = sum((b) => (b.mttrMs ?? 0) * b.mttrCount);
  return {
    events: sum((b) => b.events),
    ruleMatches: sum((b) => b.ruleMatches),
    deliveriesFailed: sum((b) => b.deliveriesFailed),
    deliveriesDead: sum((b) => b.deliveriesDead),
    executionsStarted: sum((b) => b.executionsStarted),
    executionsSucceeded: sum((b) => b.executionsSucceeded),
    executionsFailed: sum((b) => b.executionsFailed),
    mttrMs: mttrCount === 0 ? null : Math.round(mttrTotal / mttrCount),
    mttrCount,
  };
}
