// Injecting faults: which cloud and state each one needs, and what it does to the instance
// the moment it strikes (sim-shared.md, "Faults"). A Tencent fault also emits its CloudEvent
// with status "1"; its clearing is in fault-clearing.ts.
import { aliyunPreemptibleInterruptionBody } from "./aliyun-events.js";
import { disksOf, systemDisk } from "./disks.js";
import { mountPointOf } from "./fault-clearing.js";
import { emitTencentFaultEvent, faultView, notifyFault } from "./fault-events.js";
import type { FaultRecord, FleetContext, InstanceRecord } from "./fleet-context.js";
import { activeFaultsOf, instanceTimer, isActive, isoNow } from "./fleet-context.js";
import { beginReboot, beginStop, releaseInstance } from "./instance-lifecycle.js";
import { liveInstance, requireState } from "./instances.js";
import { uniqueSimId } from "./sim-ids.js";
import type { SimCloud, SimFault, SimFaultKind } from "./types.js";
import { SIM_FAULT_KINDS, SimOperationError } from "./types.js";

/** Disk usage a `disk_usage_high` fault sets, percent. */
export const HIGH_DISK_USAGE = 93.5;

const TENCENT: readonly SimCloud[] = ["tencent"];
const CLOUDS_OF: Record<SimFaultKind, readonly SimCloud[]> = {
  ping_unreachable: TENCENT,
  disk_readonly: TENCENT,
  kernel_fault: TENCENT,
  oom: TENCENT,
  instance_restarted: TENCENT,
  unexpected_stop: ["tencent", "aliyun"],
  conn_limit_packet_loss: TENCENT,
  bandwidth_limit_packet_loss: TENCENT,
  preemptible_interruption: ["aliyun"],
  disk_usage_high: TENCENT,
};

/** What each fault does when it strikes. */
const STRIKE: Record<SimFaultKind, (ctx: FleetContext, instance: InstanceRecord, fault: FaultRecord) => void> = {
  ping_unreachable: (ctx, instance) => {
    instance.networkDown = true;
    instance.processRunning = false;
    beginReboot(ctx, instance); // host recovery
  },
  disk_readonly: (ctx, instance) => {
    systemDisk(ctx, instance).readOnly = true;
  },
  kernel_fault: (ctx, instance) => {
    const disk = systemDisk(ctx, instance);
    disk.version += 1;
    disk.badVersions.push(disk.version);
    instance.panicked = true;
    instance.processRunning = false;
  },
  oom: (_ctx, instance) => {
    instance.processRunning = false;
  },
  instance_restarted: (ctx, instance) => beginReboot(ctx, instance),
  unexpected_stop: (ctx, instance) => beginStop(ctx, instance),
  conn_limit_packet_loss: () => {},
  bandwidth_limit_packet_loss: () => {},
  preemptible_interruption: (ctx, instance) => {
    const time = ctx.now();
    ctx.events.emit("aliyun", instance.id, aliyunPreemptibleInterruptionBody(instance, { userId: ctx.aliyunUserId, time }), new Date(time).toISOString());
    instanceTimer(ctx, instance, ctx.timings.releaseNoticeMs, () => releaseInstance(ctx, instance));
  },
  disk_usage_high: (ctx, instance, fault) => {
    const disks = disksOf(ctx, instance);
    const disk = disks.find((d) => d.kind === "DATA_DISK") ?? systemDisk(ctx, instance);
    disk.usagePercent = HIGH_DISK_USAGE;
    fault.diskId = disk.id;
  },
};

/** Injects a fault on a RUNNING instance of a cloud that has it. */
export function injectFault(ctx: FleetContext, instanceId: string, kind: SimFaultKind): SimFault {
  if (!(SIM_FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new SimOperationError("InvalidParameter", `unknown fault kind ${JSON.stringify(kind)}; known kinds: ${SIM_FAULT_KINDS.join(", ")}`);
  }
  const instance = liveInstance(ctx, instanceId);
  const clouds = CLOUDS_OF[kind];
  if (!clouds.includes(instance.cloud)) {
    throw new SimOperationError("Unsupported", `fault ${kind} exists only on ${clouds.join(" and ")} instances; ${instance.id} is a ${instance.cloud} instance`, instance.id);
  }
  if (kind === "preemptible_interruption" && !instance.preemptible) {
    throw new SimOperationError("IncorrectState", `instance ${instance.id} is not preemptible (pay-as-you-go instances are never reclaimed); create it with preemptible: true`, instance.id);
  }
  requireState(instance, ["RUNNING"], `injecting ${kind}`);
  const already = activeFaultsOf(ctx, instance.id, kind)[0];
  if (already !== undefined) throw new SimOperationError("IncorrectState", `instance ${instance.id} already has an active ${kind} fault (${already.id})`, instance.id);

  const fault: FaultRecord = { id: uniqueSimId("flt-", 8, ctx.faults), instanceId: instance.id, kind, injectedAt: isoNow(ctx) };
  ctx.faults.set(fault.id, fault);
  STRIKE[kind](ctx, instance, fault);
  const disk = fault.diskId === undefined ? undefined : ctx.disks.get(fault.diskId);
  emitTencentFaultEvent(ctx, instance, fault, "1", disk === undefined ? undefined : { value: disk.usagePercent, mountPoint: mountPointOf(disk.kind) });
  notifyFault(ctx, fault);
  return faultView(fault);
}

/** Faults matching the filter, in injection order. */
export function listFaults(ctx: FleetContext, filter: { instanceId?: string; active?: boolean } = {}): SimFault[] {
  return [...ctx.faults.values()]
    .filter((f) => (filter.instanceId === undefined || f.instanceId === filter.instanceId) && (filter.active === undefined || isActive(f) === filter.active))
    .map(faultView);
}
