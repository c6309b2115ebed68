// The report's timeline chart as inline SVG: one row per instance, time since the first
// injection across; a bar from injection to heal (or to the end of the run), a shaded band up
// to the instance's healWithin deadline, and marks for inject, detect, remediation start and
// heal (or failure). No script, no external resource; every text is escaped.
import { escapeHtml } from "./html-escape.js";
import { formatMs } from "./format-ms.js";
import type { DrillInstanceReport, DrillReport } from "./report-types.js";

const ROW = 16;
const LABEL = 190;
const WIDTH = 960;
const TOP = 28;

/** The chart of a report, as an `<svg>` element. */
export function timelineChart(report: DrillReport): string {
  const times = (i: DrillInstanceReport) => [i.injectedAt, i.detectedAt, i.remediationAt, i.healedAt, i.failedAt].flatMap((t) => (t === undefined ? [] : [Date.parse(t)]));
  const injected = report.instances.flatMap((i) => (i.injectedAt === undefined ? [] : [Date.parse(i.injectedAt)]));
  const origin = injected.length > 0 ? Math.min(...injected) : Date.parse(report.startedAt);
  const end = report.finishedAt === null ? Math.max(origin, ...report.instances.flatMap(times)) : Date.parse(report.finishedAt);
  const deadline = Math.max(...injected, origin) + report.criteria.healWithinMs;
  const span = Math.max(1, Math.max(end, deadline) - origin);
  const plot = WIDTH - LABEL - 20;
  const x = (ms: number) => (LABEL + ((ms - origin) / span) * plot).toFixed(1);
  const height = TOP + report.instances.length * ROW + 24;

  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const ms = origin + (span * k) / 4;
    parts.push(`<line x1="${x(ms)}" y1="${TOP - 6}" x2="${x(ms)}" y2="${height - 20}" class="grid"/>`);
    parts.push(`<text x="${x(ms)}" y="${TOP - 10}" class="axis">${escapeHtml(formatMs(ms - origin))}</text>`);
  }
  report.instances.forEach((i, n) => {
    const y = TOP + n * ROW + ROW / 2;
    const label = i.name === undefined ? i.instanceId : `${i.name} (${i.instanceId})`;
    parts.push(`<text x="${LABEL - 8}" y="${y + 4}" class="label">${escapeHtml(label.length > 30 ? `${label.slice(0, 29)}…` : label)}</text>`);
    if (i.injectedAt === undefined) return;
    const start = Date.parse(i.injectedAt);
    const stop = i.healedAt ?? i.failedAt;
    parts.push(`<rect x="${x(start)}" y="${y - 6}" width="${(Number(x(start + report.criteria.healWithinMs)) - Number(x(start))).toFixed(1)}" height="12" class="band"/>`);
    parts.push(`<line x1="${x(start)}" y1="${y}" x2="${x(stop === undefined ? end : Date.parse(stop))}" y2="${y}" class="bar ${escapeHtml(i.outcome)}"/>`);
    parts.push(mark("inject", start, y, x, `injected ${i.injectedAt}`));
    if (i.detectedAt !== undefined) parts.push(mark("detect", Date.parse(i.detectedAt), y, x, `detected after ${formatMs(i.ttdMs ?? 0)} (${i.detectedBy ?? "event"})`));
    if (i.remediationAt !== undefined) parts.push(mark("remediate", Date.parse(i.remediationAt), y, x, `remediation started ${i.remediationAt}`));
    if (i.healedAt !== undefined) parts.push(mark("heal", Date.parse(i.healedAt), y, x, `healed after ${formatMs(i.tthMs ?? 0)}${i.healedBy ? ` (${i.healedBy})` : ""}`));
    if (i.failedAt !== undefined) parts.push(mark("fail", Date.parse(i.failedAt), y, x, `failed ${i.failedAt}`));
  });
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="timeline of each instance">${parts.join("")}</svg>`;
}

function mark(kind: string, ms: number, y: number, x: (ms: number) => string, title: string): string {
  const cx = x(ms);
  const shape =
    kind === "fail"
      ? `<path d="M${Number(cx) - 4} ${y - 4} l8 8 m0 -8 l-8 8" class="mark fail"/>`
      : kind === "heal"
        ? `<rect x="${Number(cx) - 4}" y="${y - 4}" width="8" height="8" class="mark heal"/>`
        : `<circle cx="${cx}" cy="${y}" r="${kind === "inject" ? 3 : 4}" class="mark ${kind}"/>`;
  return `<g>${shape}<title>${escapeHtml(title)}</title></g>`;
}
