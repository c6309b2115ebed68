// What a Drill's schema cannot say: exactly one way of choosing instances, a fault the chosen
// cloud can have (the simulator refuses the others at injection, which would waste a run), and
// durations that leave the drill time to pass.
import { parseDuration } from "../../core/duration.js";
import type { SimCloud, SimFaultKind } from "../../sim/types.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import type { DrillDocument } from "./drill-schema.js";

/** The clouds whose instances can have each fault (as the simulator models them). */
export const FAULT_CLOUDS: Readonly<Record<SimFaultKind, readonly SimCloud[]>> = {
  ping_unreachable: ["tencent"],
  disk_readonly: ["tencent"],
  kernel_fault: ["tencent"],
  oom: ["tencent"],
  instance_restarted: ["tencent"],
  unexpected_stop: ["tencent", "aliyun"],
  conn_limit_packet_loss: ["tencent"],
  bandwidth_limit_packet_loss: ["tencent"],
  preemptible_interruption: ["aliyun"],
  disk_usage_high: ["tencent"],
};

/** Problems of a Drill document that fits its schema. */
export function drillProblems(value: DrillDocument, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { create, ids } = value.instances;
  if ((create === undefined) === (ids === undefined)) {
    problems.push(at.problem("/instances", "'instances' needs exactly one of 'create' (fresh instances in the simulator) or 'ids' (existing ones)"));
  }
  if (create !== undefined) {
    const clouds = FAULT_CLOUDS[value.fault];
    if (!clouds.includes(create.cloud)) {
      problems.push(at.problem("/instances/create/cloud", `fault '${value.fault}' happens to ${clouds.join(" or ")} instances only; set cloud: ${clouds[0] ?? "tencent"} or pick another fault`));
    } else if (value.fault === "preemptible_interruption" && create.preemptible !== true) {
      problems.push(at.problem("/instances/create", "fault 'preemptible_interruption' needs preemptible instances; add preemptible: true"));
    }
  }
  problems.push(...durationBoundsProblems(value.criteria.detectWithin, "/criteria/detectWithin", { label: "'detectWithin'", above: 0 }, at));
  problems.push(...durationBoundsProblems(value.criteria.healWithin, "/criteria/healWithin", { label: "'healWithin'", above: 0 }, at));
  problems.push(...durationBoundsProblems(value.stagger, "/stagger", { label: "'stagger'", max: 3_600_000 }, at));
  if (value.timeout !== undefined) {
    const timeoutMs = parseDuration(value.timeout);
    const healMs = parseDuration(value.criteria.healWithin);
    if (timeoutMs < healMs) {
      problems.push(at.problem("/timeout", `'timeout' (${String(value.timeout)}) must be at least 'healWithin' (${String(value.criteria.healWithin)}), or no instance could be seen to heal in time`));
    }
    problems.push(...durationBoundsProblems(value.timeout, "/timeout", { label: "'timeout'", max: 86_400_000 }, at));
  }
  return problems;
}
