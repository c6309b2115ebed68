// The shape of a drill's report: what `GET /api/v1/drill-runs/:id` answers, what is stored with
// each run, what the HTML page and `reflex drill` read. Times are RFC 3339, durations are
// milliseconds; optional fields are absent until the thing they record has happened.

/** A run's state: `running` until it ends; `error` when it could not be carried out. */
export type DrillStatus = "running" | "passed" | "failed" | "error";

/** The statuses a run can end with. */
export const FINISHED_DRILL_STATUSES: ReadonlySet<DrillStatus> = new Set(["passed", "failed", "error"]);

/**
 * How one instance's fault ended: `healed` (the simulator saw the right remediation),
 * `failed` (the fault could no longer be healed), `unhealed` (neither before the run ended),
 * `pending` (the run goes on), `not-injected` (the simulator refused the injection).
 */
export type InstanceOutcome = "pending" | "healed" | "failed" | "unhealed" | "not-injected";

/** One instance of a run, from injection to heal. */
export interface DrillInstanceReport {
  instanceId: string;
  name?: string;
  faultId?: string;
  injectedAt?: string;
  /** When Reflex stored the first event about the instance after the injection. */
  detectedAt?: string;
  /** That event's type. */
  detectedBy?: string;
  /** When the first delivery or workflow execution caused by such an event was created. */
  remediationAt?: string;
  healedAt?: string;
  /** What healed it, as the simulator says ("process restarted by inv-…"). */
  healedBy?: string;
  failedAt?: string;
  ttdMs?: number;
  tthMs?: number;
  outcome: InstanceOutcome;
  /** True when it was detected and healed within the criteria. */
  met: boolean;
  /** Why it did not meet the criteria (empty when it did). */
  reasons: string[];
}

/** One criterion of the drill and whether the run met it. */
export interface DrillCriterionResult {
  criterion: "detectWithin" | "healWithin" | "minHealedPercent";
  /** The requirement in words: "30s", "100%". */
  required: string;
  passed: boolean;
  /** What was seen: "48 of 50 instances (96%) detected within 30s". */
  detail: string;
}

/** The criteria as configured, with each one's result. */
export interface DrillCriteriaReport {
  detectWithinMs: number;
  healWithinMs: number;
  minHealedPercent: number;
  results: DrillCriterionResult[];
}

/** The run in numbers; means and percentiles are null when nothing was measured. */
export interface DrillSummary {
  instances: number;
  injected: number;
  detected: number;
  remediated: number;
  healed: number;
  failed: number;
  /** Instances that met both time criteria, in percent of all instances. */
  metPercent: number;
  /** Mean time from injection to detection. */
  mttdMs: number | null;
  /** Mean time from injection to heal. */
  mttrMs: number | null;
  p50HealMs: number | null;
  p95HealMs: number | null;
  maxHealMs: number | null;
}

/** One thing seen during the run. */
export interface DrillTimelineEntry {
  at: string;
  /** Null for the run as a whole. */
  instanceId: string | null;
  what: string;
}

/** The whole report of one run. */
export interface DrillReport {
  drill: string;
  runId: string;
  fault: string;
  simulator: string;
  startedAt: string;
  finishedAt: string | null;
  status: DrillStatus;
  /** Why the run ended in `error`. */
  error?: string;
  criteria: DrillCriteriaReport;
  summary: DrillSummary;
  instances: DrillInstanceReport[];
  timeline: DrillTimelineEntry[];
}
