// What a run knows while it goes, in epoch milliseconds: one record per instance, filled in as
// the simulator and Reflex's store show things happening, and the timeline of everything seen.
// `report.ts` turns it into the report; nothing else reads it.
import type { DrillCriteriaSpec } from "../config/kinds/drill-types.js";

/** One instance of a run. */
export interface InstanceState {
  instanceId: string;
  name?: string;
  faultId?: string;
  injectedMs?: number;
  /** Why the simulator refused the injection. */
  injectError?: string;
  detectedMs?: number;
  detectedBy?: string;
  remediationMs?: number;
  healedMs?: number;
  healedBy?: string;
  failedMs?: number;
  failure?: string;
}

/** One timeline entry. */
export interface TimelineState {
  atMs: number;
  instanceId: string | null;
  what: string;
}

/** A run as it stands. */
export interface RunState {
  drill: string;
  runId: string;
  fault: string;
  simulator: string;
  criteria: DrillCriteriaSpec;
  timeoutMs: number;
  startedMs: number;
  finishedMs: number | null;
  /** Set when the run could not be carried out (setup failed, interrupted). */
  error?: string;
  instances: InstanceState[];
  timeline: TimelineState[];
}

/** Adds a timeline entry. */
export function note(state: RunState, atMs: number, instanceId: string | null, what: string): void {
  state.timeline.push({ atMs, instanceId, what });
}
