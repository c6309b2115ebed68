// `kind: Drill` as the rest of Reflex reads it, after loading and validation: durations in
// milliseconds, defaults filled in. The simulator's URL stays unset when the document gives
// none: the drill runner resolves it (REFLEX_SIM_URL, else the simulator's default port) when
// a run starts, so the environment is read where the process's environment is known.
//
//   kind: Drill
//   name: ping-unreachable-50
//   instances: {create: {count: 50, cloud: tencent, tags: {env: drill}}}
//   fault: ping_unreachable
//   criteria: {detectWithin: 30s, healWithin: 2m}
import type { SimCloud, SimFaultKind } from "../../sim/types.js";

/** Instances a drill creates in the simulator for each run. */
export interface DrillCreateSpec {
  /** 1 to 1000; a run's `instances` override replaces it. */
  count: number;
  cloud: SimCloud;
  tags: Record<string, string>;
  region?: string;
  /** Alibaba only: needed for `preemptible_interruption`. */
  preemptible?: boolean;
  /** Data disks besides the system disk. */
  dataDisks?: number;
}

/** Which instances a drill injects its fault into: fresh ones, or ones that exist already. */
export type DrillInstancesSpec = { create: DrillCreateSpec } | { ids: string[] };

/** What a drill must show to pass. */
export interface DrillCriteriaSpec {
  /** The fault's event must be stored in Reflex within this long after the injection. */
  detectWithinMs: number;
  /** The simulator must report the fault cleared within this long after the injection. */
  healWithinMs: number;
  /** Share of instances (0 to 100) that must meet both; default 100. */
  minHealedPercent: number;
}

/** A validated `kind: Drill`. */
export interface DrillSpec {
  name: string;
  description?: string;
  /** The simulator's base URL, when the document gives one. */
  simulator?: string;
  instances: DrillInstancesSpec;
  fault: SimFaultKind;
  /** Delay between two injections (0: all at once). */
  staggerMs: number;
  criteria: DrillCriteriaSpec;
  /** Following stops this long after the first injection (default healWithin + 1m). */
  timeoutMs: number;
}
