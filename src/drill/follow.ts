// One round of following a run: what the simulator says of the faults (cleared → healed,
// failed → failed) and what Reflex's store shows of each instance (the first event stored
// after the injection → detected; the first delivery or execution it caused → remediation
// started). Each new thing seen goes on the timeline once.
import type { SimFault } from "../sim/types.js";
import type { DrillObservations } from "./observations.js";
import type { InstanceState, RunState } from "./run-state.js";
import { note } from "./run-state.js";

/** What has been put on the timeline already, per instance. */
export interface FollowMemory {
  /** `bus/source/id` of events seen. */
  events: Set<string>;
  /** Status last seen of each delivery and execution, by id. */
  remediations: Map<string, string>;
}

/** A fresh memory. */
export function newFollowMemory(): FollowMemory {
  return { events: new Set(), remediations: new Map() };
}

/** True once the simulator has said how the instance's fault ended (or it was never injected). */
export function isSettled(i: InstanceState): boolean {
  return i.injectedMs === undefined || i.healedMs !== undefined || i.failedMs !== undefined;
}

/** Applies the simulator's fault records to the run's instances. */
export function applyFaults(state: RunState, faults: readonly SimFault[]): void {
  const byId = new Map(faults.map((f) => [f.id, f]));
  for (const i of state.instances) {
    const fault = i.faultId === undefined ? undefined : byId.get(i.faultId);
    if (!fault) continue;
    if (i.healedMs === undefined && fault.clearedAt !== undefined) {
      i.healedMs = Date.parse(fault.clearedAt);
      if (fault.clearedBy !== undefined) i.healedBy = fault.clearedBy;
      note(state, i.healedMs, i.instanceId, `healed: the simulator cleared the fault${fault.clearedBy ? ` (${fault.clearedBy})` : ""}`);
    }
    if (i.failedMs === undefined && fault.failedAt !== undefined) {
      i.failedMs = Date.parse(fault.failedAt);
      if (fault.failure !== undefined) i.failure = fault.failure;
      note(state, i.failedMs, i.instanceId, `failed: ${fault.failure ?? "the fault can no longer be healed"}`);
    }
  }
}

/** Reads what Reflex stored about one instance since its injection, and notes what is new (a status change at `nowMs`, when it was seen). */
export async function observeInstance(state: RunState, i: InstanceState, memory: FollowMemory, observations: DrillObservations, nowMs: number): Promise<void> {
  if (i.injectedMs === undefined) return;
  const events = await observations.eventsAbout(i.instanceId, i.injectedMs);
  for (const event of events) {
    const key = `${event.bus}/${event.source}/${event.id}`;
    if (!memory.events.has(key)) {
      memory.events.add(key);
      note(state, event.receivedMs, i.instanceId, `event stored: ${event.type} (bus ${event.bus}, id ${event.id})`);
    }
    if (i.detectedMs === undefined) {
      i.detectedMs = event.receivedMs;
      i.detectedBy = event.type;
    }
    for (const r of await observations.remediationsOf(event)) {
      const seen = memory.remediations.get(r.id);
      if (seen === undefined) note(state, r.createdMs, i.instanceId, `${r.kind} ${r.id} created: ${r.label} (${r.status})`);
      else if (seen !== r.status) note(state, nowMs, i.instanceId, `${r.kind} ${r.id} is ${r.status}: ${r.label}`);
      memory.remediations.set(r.id, r.status);
      if (i.remediationMs === undefined || r.createdMs < i.remediationMs) i.remediationMs = r.createdMs;
    }
  }
}
