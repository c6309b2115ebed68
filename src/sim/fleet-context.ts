// The fleet's mutable state and the few services every part of the model shares (clock,
// timers, event outbox, hooks between parts). Each part — lifecycle, disks, commands, SLB
// groups, faults — is a set of functions over this one context, so none of them holds state
// of its own and the wiring stays in fleet.ts.
import type { EventLog } from "./event-log.js";
import type { SimTimer, SimTimers } from "./sim-timers.js";
import type { PrivateIpPool } from "./sim-ids.js";
import type {
  SimCloud,
  SimDisk,
  SimFault,
  SimFaultKind,
  SimInstanceState,
  SimInvocation,
  SimSnapshot,
  SimTimings,
  SimVServerGroup,
} from "./types.js";

/** An instance as the fleet keeps it. */
export interface InstanceRecord {
  id: string;
  cloud: SimCloud;
  name: string;
  region: string;
  zone: string;
  privateIp: string;
  state: SimInstanceState;
  stateSince: number;
  tags: Record<string, string>;
  preemptible: boolean;
  processName: string;
  processRunning: boolean;
  restarts: number;
  /** Booted a bad system-disk version: hung, not answering. */
  panicked: boolean;
  /** Network down by `ping_unreachable` until the business process is restarted. */
  networkDown: boolean;
  diskIds: string[];
  createdAt: number;
  releasedAt?: number;
  /** Pending timers of this instance's transitions, cancelled when it is released. */
  timers: Set<SimTimer>;
}

/** A disk as the fleet keeps it. */
export interface DiskRecord extends SimDisk {
  /** The snapshot last applied to it, to name in a fault's clearing. */
  lastAppliedSnapshot?: string;
}

/** A fault as the fleet keeps it. */
export interface FaultRecord extends SimFault {
  /** The disk a `disk_usage_high` filled. */
  diskId?: string;
}

/** How an instance came to RUNNING. */
export type BootCause = "created" | "started" | "rebooted";

/** Calls between parts that would otherwise import each other. */
export interface FleetHooks {
  /** After an instance reached RUNNING (the boot outcome is already on the record). */
  booted(instance: InstanceRecord, cause: BootCause): void;
  /** After an instance was released; `groupIds` are the SLB groups it was removed from. */
  released(instance: InstanceRecord, groupIds: string[]): void;
  /** After a command ended with SUCCESS on an instance. */
  commandSucceeded(instance: InstanceRecord, command: string, invocationId: string): void;
}

/** Everything the parts of the model share. */
export interface FleetContext {
  readonly timings: SimTimings;
  readonly timers: SimTimers;
  readonly events: EventLog;
  readonly now: () => number;
  readonly appId: string;
  readonly uin: string;
  readonly aliyunUserId: string;
  readonly ips: PrivateIpPool;
  readonly instances: Map<string, InstanceRecord>;
  readonly disks: Map<string, DiskRecord>;
  readonly snapshots: Map<string, SimSnapshot>;
  readonly invocations: Map<string, SimInvocation>;
  readonly groups: Map<string, SimVServerGroup>;
  readonly faults: Map<string, FaultRecord>;
  readonly faultListeners: Set<(fault: SimFault) => void>;
  /** Called after every instance state change (setState). */
  readonly stateListeners: Set<(instance: InstanceRecord) => void>;
  hooks: FleetHooks;
}

/** The context's clock as an ISO string. */
export function isoNow(ctx: FleetContext): string {
  return new Date(ctx.now()).toISOString();
}

/** Faults of an instance not yet cleared or failed, oldest first. */
export function activeFaultsOf(ctx: FleetContext, instanceId: string, kind?: SimFaultKind): FaultRecord[] {
  const out: FaultRecord[] = [];
  for (const fault of ctx.faults.values()) {
    if (fault.instanceId !== instanceId || !isActive(fault)) continue;
    if (kind === undefined || fault.kind === kind) out.push(fault);
  }
  return out;
}

/** True until a fault is cleared or failed. */
export function isActive(fault: SimFault): boolean {
  return fault.clearedAt === undefined && fault.failedAt === undefined;
}

/** Runs `fn` after `simulatedMs` as one of the instance's pending transitions. */
export function instanceTimer(ctx: FleetContext, instance: InstanceRecord, simulatedMs: number, fn: () => void): void {
  const timer = ctx.timers.after(simulatedMs, () => {
    instance.timers.delete(timer);
    fn();
  });
  instance.timers.add(timer);
}
