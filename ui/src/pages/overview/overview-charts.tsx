// The Overview's charts, built from the stats answer: events per minute, rule matches, failing
// deliveries, executions and time to repair, all on the same buckets so one hover reads the
// same moment everywhere.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { formatDuration } from "../../components";
import { formatCount, formatShortDuration } from "./chart-scale";
import type { ChartSeries } from "./chart-plot";
import { TimeChart } from "./time-chart";
import type { StatsBucket, StatsOverview } from "./types";
import type { OverviewWindow } from "./windows";

const pick = (buckets: readonly StatsBucket[], f: (b: StatsBucket) => number | null): (number | null)[] => buckets.map(f);

/** Every chart of the window. */
export function OverviewCharts({ data, win }: { data: StatsOverview; win: OverviewWindow }): ReactNode {
  const [hover, setHover] = useState<{ index: number; chart: string } | null>(null);
  const height = useChartHeight();
  const { buckets, bucketMs, totals } = data;
  const startMs = Date.parse(buckets[0]?.start ?? data.from);
  const perMinute = 60_000 / bucketMs;
  const common = (chart: string) => ({
    testId: `overview-chart-${chart}`,
    height,
    startMs,
    bucketMs,
    hover: hover?.index ?? null,
    showTip: hover?.chart === chart,
    onHover: (index: number | null) => setHover(index === null ? null : { index, chart }),
  });

  const events: ChartSeries[] = [{ key: "events", label: "Events per minute", tone: "var(--accent)", values: buckets.map((b, i) => (i === buckets.length - 1 ? partialRate(b, bucketMs) : b.events * perMinute)) }];
  const matches: ChartSeries[] = [{ key: "matches", label: "Rule matches", tone: "var(--busy)", values: pick(buckets, (b) => b.ruleMatches) }];
  const deliveries: ChartSeries[] = [
    { key: "failed", label: "Failed attempts", tone: "var(--warn)", values: pick(buckets, (b) => b.deliveriesFailed) },
    { key: "dead", label: "Went dead", tone: "var(--bad)", values: pick(buckets, (b) => b.deliveriesDead) },
  ];
  const executions: ChartSeries[] = [
    { key: "started", label: "Started", tone: "var(--busy)", values: pick(buckets, (b) => b.executionsStarted) },
    { key: "succeeded", label: "Succeeded", tone: "var(--ok)", values: pick(buckets, (b) => b.executionsSucceeded) },
    { key: "failed", label: "Failed", tone: "var(--bad)", values: pick(buckets, (b) => b.executionsFailed) },
  ];
  const mttr: ChartSeries[] = [{ key: "mttr", label: "Mean time to repair", tone: "var(--ok)", values: pick(buckets, (b) => b.mttrMs) }];

  return (
    <div className="overview-charts">
      <TimeChart
        {...common("events")}
        wide
        title="Events per minute"
        href={`/events?from=${win.value}`}
        headline={<Headline value={formatCount(totals.events)} unit={`events ${win.phrase}`} />}
        kind="area"
        series={events}
        emptyNote={`No events ${win.phrase}`}
      />
      <TimeChart {...common("matches")} title="Rule matches" href="/rules" headline={<Headline value={formatCount(totals.ruleMatches)} unit={`matches ${win.phrase}`} />} kind="bars" integer series={matches} emptyNote={`No rule matched ${win.phrase}`} />
      <TimeChart
        {...common("deliveries")}
        title="Failing deliveries"
        href="/dead-letters"
        headline={<Headline value={formatCount(totals.deliveriesFailed)} unit={`failed attempts, ${formatCount(totals.deliveriesDead)} dead`} tone={totals.deliveriesFailed > 0 ? "warn" : undefined} />}
        kind="bars"
        integer
        series={deliveries}
        emptyNote={`No delivery failed ${win.phrase}`}
      />
      <TimeChart
        {...common("executions")}
        title="Executions"
        href="/executions"
        headline={<Headline value={formatCount(totals.executionsStarted)} unit={`started, ${formatCount(totals.executionsFailed)} failed`} tone={totals.executionsFailed > 0 ? "bad" : undefined} />}
        kind="line"
        integer
        series={executions}
        emptyNote={`No execution ${win.phrase}`}
      />
      <TimeChart
        {...common("mttr")}
        title="Time to repair"
        headline={<Headline value={totals.mttrMs === null ? "—" : formatDuration(totals.mttrMs)} unit={`mean of ${formatCount(totals.mttrCount)}`} />}
        kind="line"
        series={mttr}
        format={formatShortDuration}
        emptyNote={`No rule-started execution succeeded ${win.phrase}`}
      />
    </div>
  );
}

/**
 * The rate of the bucket still filling (the last one): its events over the time elapsed, so the
 * line does not dive at the right edge; too early in the bucket to say, no point.
 */
function partialRate(bucket: StatsBucket, bucketMs: number): number | null {
  const elapsed = Math.min(Date.now() - Date.parse(bucket.start), bucketMs);
  if (!(elapsed >= bucketMs / 4)) return null;
  return bucket.events / (elapsed / 60_000);
}

function Headline({ value, unit, tone }: { value: string; unit: string; tone?: "warn" | "bad" }): ReactNode {
  return (
    <>
      <strong className={tone === undefined ? undefined : `overview-text--${tone}`}>{value}</strong> <span className="muted">{unit}</span>
    </>
  );
}

/** Taller charts on tall screens (1080 px and up), so a wide monitor is not half empty. */
function useChartHeight(): number {
  const query = "(min-height: 1000px)";
  const [tall, setTall] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = (): void => setTall(list.matches);
    list.addEventListener("change", change);
    return () => list.removeEventListener("change", change);
  }, []);
  return tall ? 240 : 170;
}
