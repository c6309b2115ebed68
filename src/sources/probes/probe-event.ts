// The events a probe emits when it changes state: `reflex.probe.down` and `reflex.probe.up`,
// from source `reflex.probe/<name>`, with what was checked, why, how long it took and the
// counts that crossed the threshold, so a rule can match on any of them (`data.labels.team`,
// `data.check`) and a message can say what happened without looking anything up.
import type { ProbeSpec } from "../../config/probe-types.js";
import { probeTarget } from "../../config/kinds/probe.js";
import type { CloudEvent } from "../../core/event.js";
import { newId } from "../../core/ids.js";
import type { ProbeCounts, ProbeStatus } from "./probe-thresholds.js";

/** Type of the event of a probe that went down. */
export const PROBE_DOWN = "reflex.probe.down";
/** Type of the event of a probe that came back up. */
export const PROBE_UP = "reflex.probe.up";

/** `reflex.probe/<name>`: the source of a probe's events. */
export function probeSource(name: string): string {
  return `reflex.probe/${name}`;
}

/** What the check that caused a change saw. */
export interface ChangeCause {
  reason: string;
  latencyMs: number;
}

/** The event of `spec`'s change from `previous` to `counts.status` at `now`. */
export function probeEvent(spec: ProbeSpec, previous: ProbeStatus, counts: ProbeCounts, cause: ChangeCause, now: number): CloudEvent {
  return {
    specversion: "1.0",
    id: newId(now),
    source: probeSource(spec.name),
    type: counts.status === "down" ? PROBE_DOWN : PROBE_UP,
    subject: spec.subject,
    time: new Date(now).toISOString(),
    datacontenttype: "application/json",
    data: {
      probe: spec.name,
      check: spec.type,
      target: probeTarget(spec),
      status: counts.status,
      previous,
      reason: cause.reason,
      latencyMs: cause.latencyMs,
      consecutiveFailures: counts.failures,
      consecutiveSuccesses: counts.successes,
      labels: { ...spec.labels },
    },
  };
}
