// The drills API's answers (src/server/routes/drills.ts; the report's shape is
// src/drill/report-types.ts). Restated for the console, which imports no server code; the
// server's schemas and docs/http-api.md#drills stay the contract.

/** `GET /api/v1/drills` → `{items}`: one configured drill. */
export interface DrillView {
  name: string;
  description?: string;
  simulator?: string;
  /** `{create: {count, cloud, tags, …}}` or `{ids: [...]}`. */
  instances: { create?: { count: number; cloud: string; tags?: Record<string, string>; region?: string; preemptible?: boolean }; ids?: string[] };
  fault: string;
  staggerMs: number;
  criteria: { detectWithinMs: number; healWithinMs: number; minHealedPercent: number };
  timeoutMs: number;
  /** Where it is declared, when it came from a file. */
  origin: { file?: string; line?: number; col?: number } | null;
}

/** A run's state. */
export type DrillStatus = "running" | "passed" | "failed" | "error";

/** `GET /api/v1/drill-runs` → `{items}`: one run, newest first. */
export interface DrillRunItem {
  runId: string;
  drill: string;
  status: DrillStatus | string;
  startedAt: string;
  finishedAt: string | null;
  summary: DrillSummary | null;
}

/** `POST /api/v1/drills/:name/runs` → 202. */
export interface DrillStarted {
  runId: string;
  status: string;
}

/** How one instance's fault ended. */
export type InstanceOutcome = "pending" | "healed" | "failed" | "unhealed" | "not-injected";

/** One instance of a run. */
export interface DrillInstanceReport {
  instanceId: string;
  name?: string;
  faultId?: string;
  injectedAt?: string;
  detectedAt?: string;
  detectedBy?: string;
  remediationAt?: string;
  healedAt?: string;
  healedBy?: string;
  failedAt?: string;
  ttdMs?: number;
  tthMs?: number;
  outcome: InstanceOutcome | string;
  met: boolean;
  reasons: string[];
}

/** One criterion and whether the run met it. */
export interface DrillCriterionResult {
  criterion: string;
  required: string;
  passed: boolean;
  detail: string;
}

/** The run in numbers; null where nothing was measured. */
export interface DrillSummary {
  instances: number;
  injected: number;
  detected: number;
  remediated: number;
  healed: number;
  failed: number;
  metPercent: number;
  mttdMs: number | null;
  mttrMs: number | null;
  p50HealMs: number | null;
  p95HealMs: number | null;
  maxHealMs: number | null;
}

/** One thing seen during the run. */
export interface DrillTimelineEntry {
  at: string;
  instanceId: string | null;
  what: string;
}

/** `GET /api/v1/drill-runs/:id`: the whole report (live while running). */
export interface DrillReport {
  drill: string;
  runId: string;
  fault: string;
  simulator: string;
  startedAt: string;
  finishedAt: string | null;
  status: DrillStatus | string;
  error?: string;
  criteria: { detectWithinMs: number; healWithinMs: number; minHealedPercent: number; results: DrillCriterionResult[] };
  summary: DrillSummary;
  instances: DrillInstanceReport[];
  timeline: DrillTimelineEntry[];
}

/** A list answer. */
export interface Items<T> {
  items: T[];
}
