// Looking instances up and presenting them: the NotFound every operation starts with, the
// state checks phrased the way a person can act on, and the read-only view (SimInstance) the
// API hands out so that nobody outside the model mutates a record.
import type { FleetContext, InstanceRecord } from "./fleet-context.js";
import { activeFaultsOf } from "./fleet-context.js";
import type { SimInstance, SimInstanceFilter, SimInstanceState } from "./types.js";
import { SimOperationError } from "./types.js";

/** An instance that exists and is not released; NotFound otherwise. */
export function liveInstance(ctx: FleetContext, id: string): InstanceRecord {
  const instance = ctx.instances.get(id);
  if (instance === undefined) throw new SimOperationError("NotFound", `instance ${id} does not exist in the simulated fleet`, id);
  if (instance.state === "RELEASED") throw new SimOperationError("NotFound", `instance ${id} was released at ${new Date(instance.releasedAt ?? 0).toISOString()}`, id);
  return instance;
}

/** An instance, released or not; NotFound when unknown. */
export function anyInstance(ctx: FleetContext, id: string): InstanceRecord {
  const instance = ctx.instances.get(id);
  if (instance === undefined) throw new SimOperationError("NotFound", `instance ${id} does not exist in the simulated fleet`, id);
  return instance;
}

/** IncorrectState unless the instance is in one of `allowed`; `action` names the operation. */
export function requireState(instance: InstanceRecord, allowed: readonly SimInstanceState[], action: string): void {
  if (allowed.includes(instance.state)) return;
  throw new SimOperationError(
    "IncorrectState",
    `${action} needs instance ${instance.id} to be ${allowed.join(" or ")}, but it is ${instance.state}`,
    instance.id,
  );
}

/** The ids once each, in order; InvalidParameter when there are none. */
export function distinctIds(ids: readonly string[], what: string): string[] {
  const out = [...new Set(ids)];
  if (out.length === 0) throw new SimOperationError("InvalidParameter", `${what}: give at least one instance id`);
  return out;
}

/** The instance as the API shows it. */
export function instanceView(ctx: FleetContext, instance: InstanceRecord): SimInstance {
  const view: SimInstance = {
    id: instance.id,
    cloud: instance.cloud,
    name: instance.name,
    region: instance.region,
    zone: instance.zone,
    privateIp: instance.privateIp,
    state: instance.state,
    stateSince: new Date(instance.stateSince).toISOString(),
    tags: { ...instance.tags },
    preemptible: instance.preemptible,
    process: { name: instance.processName, running: instance.processRunning, restarts: instance.restarts },
    reachable: isReachable(instance),
    diskIds: [...instance.diskIds],
    createdAt: new Date(instance.createdAt).toISOString(),
    activeFaults: activeFaultsOf(ctx, instance.id).map((f) => f.kind),
  };
  if (instance.releasedAt !== undefined) view.releasedAt = new Date(instance.releasedAt).toISOString();
  return view;
}

/** Answers ping: RUNNING, not panicked, network up. */
export function isReachable(instance: InstanceRecord): boolean {
  return instance.state === "RUNNING" && !instance.panicked && !instance.networkDown;
}

/** Instances matching a filter, in creation order. */
export function describeInstances(ctx: FleetContext, filter: SimInstanceFilter = {}): SimInstance[] {
  const ids = filter.ids !== undefined && filter.ids.length > 0 ? new Set(filter.ids) : undefined;
  const states = filter.states !== undefined && filter.states.length > 0 ? new Set(filter.states) : undefined;
  const out: SimInstance[] = [];
  for (const instance of ctx.instances.values()) {
    if (ids !== undefined && !ids.has(instance.id)) continue;
    if (filter.cloud !== undefined && instance.cloud !== filter.cloud) continue;
    if (filter.region !== undefined && instance.region !== filter.region) continue;
    if (states !== undefined && !states.has(instance.state)) continue;
    if (instance.state === "RELEASED" && filter.released !== true && !states?.has("RELEASED")) continue;
    out.push(instanceView(ctx, instance));
  }
  return out;
}
