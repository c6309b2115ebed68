// The simulated fleet: one cloud-neutral model of instances, disks, commands and SLB groups,
// driven by timers, that the wire protocols, the control API and the drills all operate on.
// This file only builds the shared context and wires the parts (lifecycle, disks, commands,
// vserver groups, faults) into the SimFleetApi the rest of the simulator codes against.
import { applySnapshot, createSnapshot, describeDisks, describeSnapshots } from "./disks.js";
import { describeInvocationTasks, runCommand } from "./commands.js";
import { EventLog } from "./event-log.js";
import { faultClearingHooks } from "./fault-clearing.js";
import type { FleetContext, InstanceRecord } from "./fleet-context.js";
import { injectFault, listFaults } from "./faults.js";
import { createInstances, rebootInstances, releaseInstances, startInstances, stopInstances } from "./instance-lifecycle.js";
import { anyInstance, describeInstances, instanceView } from "./instances.js";
import { PrivateIpPool } from "./sim-ids.js";
import { SimTimers } from "./sim-timers.js";
import type { SimFleetApi, SimTimings } from "./types.js";
import { DEFAULT_SIM_TIMINGS, SimOperationError } from "./types.js";
import { addBackendServers, createVServerGroup, describeVServerGroups, removeBackendServers } from "./vserver-groups.js";

/** How to build a fleet. */
export interface SimFleetOptions {
  /** Overrides of DEFAULT_SIM_TIMINGS, in simulated milliseconds. */
  timings?: Partial<SimTimings>;
  /** Time scale: 10 means every timing is divided by 10 (default 1). */
  speed?: number;
  /** Tencent APPID put in events (default "1250000011"). */
  appId?: string;
  /** Tencent account UIN put in events' resource names (default "100000000001"). */
  uin?: string;
  /** Alibaba account id put in events (default "1234567890123456"). */
  aliyunUserId?: string;
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
  /** How many emitted events to keep (default 10,000). */
  maxEmittedEvents?: number;
}

/** Builds an empty fleet. Call close() when done: it stops every pending timer. */
export function createFleet(options: SimFleetOptions = {}): SimFleetApi {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new SimOperationError("InvalidParameter", `speed must be a positive number (10 = ten times faster), got ${speed}`);
  const timings = checkedTimings({ ...DEFAULT_SIM_TIMINGS, ...options.timings });
  const ctx: FleetContext = {
    timings,
    timers: new SimTimers(speed),
    events: new EventLog(Math.max(1, options.maxEmittedEvents ?? 10_000)),
    now: options.now ?? Date.now,
    appId: options.appId ?? "1250000011",
    uin: options.uin ?? "100000000001",
    aliyunUserId: options.aliyunUserId ?? "1234567890123456",
    ips: new PrivateIpPool(),
    instances: new Map(),
    disks: new Map(),
    snapshots: new Map(),
    invocations: new Map(),
    groups: new Map(),
    faults: new Map(),
    faultListeners: new Set(),
    stateListeners: new Set(),
    hooks: { booted: () => {}, released: () => {}, commandSucceeded: () => {} },
  };
  ctx.hooks = faultClearingHooks(ctx);

  return {
    describeInstances: (filter) => describeInstances(ctx, filter),
    instance: (id) => instanceView(ctx, anyInstance(ctx, id)),
    createInstances: (specs) => createInstances(ctx, specs).map((i) => instanceView(ctx, i)),
    startInstances: (ids) => startInstances(ctx, ids),
    stopInstances: (ids) => stopInstances(ctx, ids),
    rebootInstances: (ids) => rebootInstances(ctx, ids),
    releaseInstances: (ids) => releaseInstances(ctx, ids),
    describeDisks: (filter) => describeDisks(ctx, filter),
    createSnapshot: (diskId, name) => createSnapshot(ctx, diskId, name),
    describeSnapshots: (filter) => describeSnapshots(ctx, filter),
    applySnapshot: (snapshotId, diskId) => applySnapshot(ctx, snapshotId, diskId),
    runCommand: (instanceIds, command) => runCommand(ctx, instanceIds, command),
    describeInvocationTasks: (filter) => describeInvocationTasks(ctx, filter),
    describeVServerGroups: (filter) => describeVServerGroups(ctx, filter),
    createVServerGroup: (spec) => createVServerGroup(ctx, spec),
    addBackendServers: (groupId, backends) => addBackendServers(ctx, groupId, backends),
    removeBackendServers: (groupId, backends) => removeBackendServers(ctx, groupId, backends),
    injectFault: (instanceId, kind) => injectFault(ctx, instanceId, kind),
    faults: (filter) => listFaults(ctx, filter),
    emittedEvents: () => ctx.events.list(),
    onEvent: (listener) => ctx.events.subscribe(listener),
    onFault: (listener) => {
      ctx.faultListeners.add(listener);
      return () => {
        ctx.faultListeners.delete(listener);
      };
    },
    onInstanceState: (listener) => {
      const onRecord = (record: InstanceRecord) => listener(instanceView(ctx, record));
      ctx.stateListeners.add(onRecord);
      return () => {
        ctx.stateListeners.delete(onRecord);
      };
    },
    close: () => {
      ctx.timers.close();
      ctx.stateListeners.clear();
    },
  };
}

function checkedTimings(timings: SimTimings): SimTimings {
  for (const [name, value] of Object.entries(timings)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new SimOperationError("InvalidParameter", `timings.${name} must be a number of milliseconds >= 0, got ${JSON.stringify(value)}`);
    }
  }
  return timings;
}
