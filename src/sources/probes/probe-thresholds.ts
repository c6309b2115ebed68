// When a probe changes state. A probe starts `unknown`; N failed checks in a row take it down
// and M successful ones bring it up, and only a change is an event. The first state a probe
// reaches is reported only when it is `down`: a fresh probe of a healthy host says nothing,
// while one whose host is already unreachable raises the alarm it exists for. Pure: the
// prober stores what this returns.
import type { CheckResult } from "./check-result.js";

/** Where a probe stands. */
export type ProbeStatus = "unknown" | "up" | "down";

/** A probe's status and its consecutive counts. */
export interface ProbeCounts {
  status: ProbeStatus;
  failures: number;
  successes: number;
}

/** The thresholds of a probe. */
export interface Thresholds {
  failures: number;
  successes: number;
}

/** The counts after one check, and the event it causes, if any. */
export interface CheckDecision {
  next: ProbeCounts;
  /** `down` or `up` when the probe changed to that state and it is reported; else null. */
  emit: "down" | "up" | null;
}

/** Applies one check's outcome (success or failure) to `counts`. */
export function decide(counts: ProbeCounts, outcome: Exclude<CheckResult["outcome"], "unavailable">, thresholds: Thresholds): CheckDecision {
  if (outcome === "success") {
    const successes = counts.successes + 1;
    const up = counts.status !== "up" && successes >= thresholds.successes;
    return {
      next: { status: up ? "up" : counts.status, failures: 0, successes },
      emit: up && counts.status === "down" ? "up" : null,
    };
  }
  const failures = counts.failures + 1;
  const down = counts.status !== "down" && failures >= thresholds.failures;
  return { next: { status: down ? "down" : counts.status, failures, successes: 0 }, emit: down ? "down" : null };
}

/** The status stored as text, read back (anything unexpected reads as unknown). */
export function parseStatus(text: string): ProbeStatus {
  return text === "up" || text === "down" ? text : "unknown";
}
