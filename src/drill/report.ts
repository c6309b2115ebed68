// A drill run's report from its state: per instance the times from injection to detection and
// to heal, and whether they meet the criteria; the summary (counts, mean time to detect, mean
// time to heal — the drill's MTTR — and heal-time percentiles); each criterion's result; the
// status. Pure: the same state always gives the same report.
import { formatRfc3339 } from "../core/rfc3339.js";
import { formatMs } from "./format-ms.js";
import type { DrillCriterionResult, DrillInstanceReport, DrillReport, DrillStatus, DrillSummary, InstanceOutcome } from "./report-types.js";
import type { InstanceState, RunState } from "./run-state.js";

/** The report of a run as it stands. */
export function buildReport(state: RunState): DrillReport {
  const finished = state.finishedMs !== null;
  const instances = state.instances.map((i) => instanceReport(i, state, finished));
  const summary = summarize(instances);
  const results = criterionResults(instances, state);
  const report: DrillReport = {
    drill: state.drill,
    runId: state.runId,
    fault: state.fault,
    simulator: state.simulator,
    startedAt: formatRfc3339(state.startedMs),
    finishedAt: state.finishedMs === null ? null : formatRfc3339(state.finishedMs),
    status: statusOf(state, results),
    criteria: { ...state.criteria, results },
    summary,
    instances,
    timeline: [...state.timeline]
      .sort((a, b) => a.atMs - b.atMs)
      .map((t) => ({ at: formatRfc3339(t.atMs), instanceId: t.instanceId, what: t.what })),
  };
  if (state.error !== undefined) report.error = state.error;
  return report;
}

function statusOf(state: RunState, results: readonly DrillCriterionResult[]): DrillStatus {
  if (state.error !== undefined) return "error";
  if (state.finishedMs === null) return "running";
  return results.every((r) => r.passed) ? "passed" : "failed";
}

function instanceReport(i: InstanceState, state: RunState, finished: boolean): DrillInstanceReport {
  const { detectWithinMs, healWithinMs } = state.criteria;
  const at = (ms: number | undefined) => (ms === undefined ? undefined : formatRfc3339(ms));
  const since = (ms: number | undefined) => (ms === undefined || i.injectedMs === undefined ? undefined : Math.max(0, ms - i.injectedMs));
  const ttdMs = since(i.detectedMs);
  const tthMs = since(i.healedMs);
  const reasons: string[] = [];
  let outcome: InstanceOutcome;
  if (i.injectedMs === undefined) {
    outcome = finished || i.injectError !== undefined ? "not-injected" : "pending";
    reasons.push(i.injectError === undefined ? "the fault was not injected" : `the simulator refused the injection: ${i.injectError}`);
  } else {
    if (ttdMs === undefined) reasons.push(finished ? "no event about the instance was stored in Reflex" : "not detected yet");
    else if (ttdMs > detectWithinMs) reasons.push(`detected after ${formatMs(ttdMs)}, over detectWithin ${formatMs(detectWithinMs)}`);
    if (i.failedMs !== undefined) {
      outcome = "failed";
      reasons.push(`the fault failed: ${i.failure ?? "the simulator gave no reason"}`);
    } else if (tthMs !== undefined) {
      outcome = "healed";
      if (tthMs > healWithinMs) reasons.push(`healed after ${formatMs(tthMs)}, over healWithin ${formatMs(healWithinMs)}`);
    } else {
      outcome = finished ? "unhealed" : "pending";
      reasons.push(finished ? `not healed before the run ended (timeout ${formatMs(state.timeoutMs)})` : "not healed yet");
    }
  }
  const met = ttdMs !== undefined && ttdMs <= detectWithinMs && tthMs !== undefined && tthMs <= healWithinMs && i.failedMs === undefined;
  const report: DrillInstanceReport = { instanceId: i.instanceId, outcome, met, reasons: met ? [] : reasons };
  const optional: Partial<DrillInstanceReport> = {
    name: i.name,
    faultId: i.faultId,
    injectedAt: at(i.injectedMs),
    detectedAt: at(i.detectedMs),
    detectedBy: i.detectedBy,
    remediationAt: at(i.remediationMs),
    healedAt: at(i.healedMs),
    healedBy: i.healedBy,
    failedAt: at(i.failedMs),
    ttdMs,
    tthMs,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(report, { [key]: value });
  return report;
}

/** Counts, means and heal-time percentiles over the instances. */
export function summarize(instances: readonly DrillInstanceReport[]): DrillSummary {
  const ttds = instances.flatMap((i) => (i.ttdMs === undefined ? [] : [i.ttdMs]));
  const tths = instances.flatMap((i) => (i.tthMs === undefined || i.outcome !== "healed" ? [] : [i.tthMs])).sort((a, b) => a - b);
  return {
    instances: instances.length,
    injected: instances.filter((i) => i.injectedAt !== undefined).length,
    detected: ttds.length,
    remediated: instances.filter((i) => i.remediationAt !== undefined).length,
    healed: tths.length,
    failed: instances.filter((i) => i.outcome === "failed").length,
    metPercent: percentOf(instances.filter((i) => i.met).length, instances.length),
    mttdMs: mean(ttds),
    mttrMs: mean(tths),
    p50HealMs: percentile(tths, 50),
    p95HealMs: percentile(tths, 95),
    maxHealMs: tths.length === 0 ? null : (tths[tths.length - 1] ?? null),
  };
}

/** Each criterion: the share of instances meeting it against `minHealedPercent`. */
function criterionResults(instances: readonly DrillInstanceReport[], state: RunState): DrillCriterionResult[] {
  const { detectWithinMs, healWithinMs, minHealedPercent } = state.criteria;
  const n = instances.length;
  const detected = instances.filter((i) => i.ttdMs !== undefined && i.ttdMs <= detectWithinMs).length;
  const healed = instances.filter((i) => i.outcome === "healed" && i.tthMs !== undefined && i.tthMs <= healWithinMs).length;
  const met = instances.filter((i) => i.met).length;
  const share = (count: number) => `${count} of ${n} instances (${formatPercent(percentOf(count, n))})`;
  const enough = (count: number) => n > 0 && percentOf(count, n) >= minHealedPercent;
  return [
    { criterion: "detectWithin", required: formatMs(detectWithinMs), passed: enough(detected), detail: `${share(detected)} detected within ${formatMs(detectWithinMs)}` },
    { criterion: "healWithin", required: formatMs(healWithinMs), passed: enough(healed), detail: `${share(healed)} healed within ${formatMs(healWithinMs)}` },
    {
      criterion: "minHealedPercent",
      required: formatPercent(minHealedPercent),
      passed: enough(met),
      detail: `${share(met)} detected and healed in time; ${formatPercent(minHealedPercent)} required`,
    },
  ];
}

/** The mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The nearest-rank percentile `p` (0–100] of ascending `sorted` values, or null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : (count / total) * 100;
}

function formatPercent(value: number): string {
  return `${Number(value.toFixed(1))}%`;
}
