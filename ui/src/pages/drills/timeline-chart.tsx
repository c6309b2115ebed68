// A drill run's timeline as SVG, the console's version of the HTML report's chart
// (src/drill/report-chart.ts): one row per instance, time since the first injection across; a
// shaded band up to the instance's healWithin deadline, a bar from injection to heal (or to
// now / the end), and marks for inject, detect, remediation start, heal and failure. Drawn at
// the width it is shown, the axis stays on top while the rows scroll, colours follow the theme,
// and clicking a row's name selects the instance (its table row and its log lines).
import type { KeyboardEvent, ReactNode } from "react";
import { shortMs } from "./drill-format";
import { timeTicks } from "./time-ticks";
import type { DrillInstanceReport, DrillReport } from "./types";
import { useWidth } from "./use-width";

const ROW = 20;
const AXIS = 24;

/** Props of `<TimelineChart>`. */
export interface TimelineChartProps {
  report: DrillReport;
  /** The current time (ms), the bars' end while the run goes on. */
  now: number;
  selected: string | undefined;
  onSelect: (instanceId: string | undefined) => void;
  /** Span at least to the healWithin deadlines (else: to the end of the run). */
  toDeadline: boolean;
  onScale: (toDeadline: boolean) => void;
}

const ms = (t: string | undefined): number | undefined => (t === undefined ? undefined : Date.parse(t));

/**
 * Where the chart's time starts (the first injection) and how long it spans: to the end of the
 * run (now while it goes on), or — `toDeadline` — at least to the last instance's healWithin
 * deadline, as the HTML report draws it.
 */
export function chartSpan(report: DrillReport, now: number, toDeadline: boolean): { origin: number; span: number; end: number } {
  const injected = report.instances.flatMap((i) => (i.injectedAt === undefined ? [] : [Date.parse(i.injectedAt)]));
  const origin = injected.length > 0 ? Math.min(...injected) : Date.parse(report.startedAt);
  const seen = report.instances.flatMap((i) => [i.detectedAt, i.remediationAt, i.healedAt, i.failedAt].flatMap((t) => (t === undefined ? [] : [Date.parse(t)])));
  const end = report.finishedAt === null ? Math.max(now, origin, ...seen) : Math.max(Date.parse(report.finishedAt), ...seen);
  const deadline = Math.max(origin, ...injected) + report.criteria.healWithinMs;
  return { origin, end, span: Math.max(1000, (toDeadline ? Math.max(end, deadline) : end) - origin) };
}

/** The timeline chart with its legend. */
export function TimelineChart({ report, now, selected, onSelect, toDeadline, onScale }: TimelineChartProps): ReactNode {
  const [ref, width] = useWidth<HTMLDivElement>();
  const label = width >= 1200 ? 260 : 200;
  const plot = Math.max(120, width - label - 18);
  const { origin, span, end } = chartSpan(report, now, toDeadline);
  const x = (t: number): number => label + ((t - origin) / span) * plot;
  const ticks = timeTicks(span, plot);
  const height = report.instances.length * ROW;
  const maxChars = Math.floor((label - 14) / 6.8);
  const running = report.finishedAt === null;

  const row = (i: DrillInstanceReport, n: number): ReactNode => {
    const y = n * ROW + ROW / 2;
    const text = i.name ?? i.instanceId;
    const start = ms(i.injectedAt);
    const stop = ms(i.healedAt) ?? ms(i.failedAt) ?? end;
    const pick = (): void => onSelect(selected === i.instanceId ? undefined : i.instanceId);
    const key = (e: KeyboardEvent<SVGTextElement>): void => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    };
    return (
      <g key={i.instanceId} className={`drill-chart__row${selected === i.instanceId ? " is-selected" : ""}`} data-testid="drill-run-chart-row" data-key={i.instanceId} data-outcome={i.outcome}>
        <rect x={0} y={n * ROW} width={width} height={ROW} className="drill-chart__rowbg" />
        <text x={label - 10} y={y + 4} className="drill-chart__label" role="button" tabIndex={0} onClick={pick} onKeyDown={key}>
          {text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text}
          <title>{`${i.name === undefined ? i.instanceId : `${i.name} (${i.instanceId})`}: ${i.outcome}`}</title>
        </text>
        {start === undefined ? (
          <text x={label + 4} y={y + 4} className="drill-chart__note">
            not injected
          </text>
        ) : (
          <>
            <rect x={x(start)} y={y - 6} width={Math.max(0, Math.min(x(start + report.criteria.healWithinMs), label + plot) - x(start))} height={12} className="drill-chart__band" />
            <line x1={x(start)} y1={y} x2={x(stop)} y2={y} className={`drill-chart__bar drill-chart__bar--${i.outcome}`} />
            <Mark kind="inject" cx={x(start)} y={y} title={`injected at ${new Date(start).toLocaleTimeString()}`} />
            {i.detectedAt !== undefined && <Mark kind="detect" cx={x(Date.parse(i.detectedAt))} y={y} title={`detected after ${shortMs(i.ttdMs ?? 0)} (${i.detectedBy ?? "event"})`} />}
            {i.remediationAt !== undefined && <Mark kind="remediate" cx={x(Date.parse(i.remediationAt))} y={y} title={`remediation started after ${shortMs(Date.parse(i.remediationAt) - start)}`} />}
            {i.healedAt !== undefined && <Mark kind="heal" cx={x(Date.parse(i.healedAt))} y={y} title={`healed after ${shortMs(i.tthMs ?? 0)}${i.healedBy ? ` (${i.healedBy})` : ""}`} />}
            {i.failedAt !== undefined && <Mark kind="fail" cx={x(Date.parse(i.failedAt))} y={y} title={`failed after ${shortMs(Date.parse(i.failedAt) - start)}`} />}
          </>
        )}
      </g>
    );
  };

  return (
    <div className="drill-chart" data-testid="drill-run-chart">
      <div className="drill-chart__legend">
        <span>
          <i className="drill-chart__key drill-chart__key--inject" />
          injected
        </span>
        <span>
          <i className="drill-chart__key drill-chart__key--detect" />
          detected
        </span>
        <span>
          <i className="drill-chart__key drill-chart__key--remediate" />
          remediation started
        </span>
        <span>
          <i className="drill-chart__key drill-chart__key--heal" />
          healed
        </span>
        <span>
          <i className="drill-chart__key drill-chart__key--fail" />
          failed
        </span>
        <span className="muted">shaded: within healWithin ({shortMs(report.criteria.healWithinMs)}) of the injection · time since the first injection</span>
        <span className="fleet-seg drill-chart__scale" role="group" aria-label="Time scale">
          <button type="button" className={toDeadline ? "" : "is-on"} aria-pressed={!toDeadline} onClick={() => onScale(false)} data-testid="drill-run-chart-fit">
            fit the run
          </button>
          <button type="button" className={toDeadline ? "is-on" : ""} aria-pressed={toDeadline} onClick={() => onScale(true)} data-testid="drill-run-chart-deadline">
            to healWithin
          </button>
        </span>
      </div>
      <div className="drill-chart__scroll" ref={ref}>
        <div className="drill-chart__axis">
          <svg width={width} height={AXIS} aria-hidden="true">
            {ticks.map((t) => (
              <text key={t} x={x(origin + t)} y={AXIS - 8} className="drill-chart__tick">
                {shortMs(t)}
              </text>
            ))}
            {running && (
              <text x={Math.min(x(now), width - 16)} y={AXIS - 8} className="drill-chart__tick drill-chart__tick--now">
                now
              </text>
            )}
          </svg>
        </div>
        <svg width={width} height={height} role="img" aria-label={`timeline of ${report.instances.length} instances`}>
          {ticks.map((t) => (
            <line key={t} x1={x(origin + t)} y1={0} x2={x(origin + t)} y2={height} className="drill-chart__grid" />
          ))}
          {report.instances.map(row)}
          {running && <line x1={x(now)} y1={0} x2={x(now)} y2={height} className="drill-chart__now" />}
        </svg>
      </div>
    </div>
  );
}

function Mark({ kind, cx, y, title }: { kind: "inject" | "detect" | "remediate" | "heal" | "fail"; cx: number; y: number; title: string }): ReactNode {
  const shape =
    kind === "fail" ? (
      <path d={`M${cx - 4} ${y - 4} l8 8 m0 -8 l-8 8`} className="drill-chart__mark drill-chart__mark--fail" />
    ) : kind === "heal" ? (
      <rect x={cx - 4} y={y - 4} width={8} height={8} className="drill-chart__mark drill-chart__mark--heal" />
    ) : (
      <circle cx={cx} cy={y} r={kind === "inject" ? 3 : 4} className={`drill-chart__mark drill-chart__mark--${kind}`} />
    );
  return (
    <g>
      {shape}
      <title>{title}</title>
    </g>
  );
}
