// When a fault ends. Each fault is cleared only by its right remediation (sim-shared.md): a
// boot clears a read-only disk, packet loss, an OOM'd process, a host restart or an
// unexpected stop; a kernel fault only when the boot is of a good disk version (a rollback),
// never by a plain reboot; a restart command clears an OOM or ping_unreachable; a cleanup
// command clears high disk usage. A released instance ends its faults: a preemptible
// interruption is healed when the instance had left its SLB groups, failed otherwise; every
// other fault it still had fails.
import { disksOf, NORMAL_DISK_USAGE, systemDisk } from "./disks.js";
import { emitTencentFaultEvent, notifyFault } from "./fault-events.js";
import type { BootCause, FaultRecord, FleetContext, FleetHooks, InstanceRecord } from "./fleet-context.js";
import { activeFaultsOf, isoNow } from "./fleet-context.js";

const BOOT_WORDS: Record<BootCause, string> = { created: "booted", started: "stopped and started again", rebooted: "rebooted" };

/** The hooks through which the rest of the model tells faults what happened. */
export function faultClearingHooks(ctx: FleetContext): FleetHooks {
  return {
    booted: (instance, cause) => afterBoot(ctx, instance, cause),
    commandSucceeded: (instance, command, invocationId) => afterCommand(ctx, instance, command, invocationId),
    released: (instance, groupIds) => afterRelease(ctx, instance, groupIds),
  };
}

function afterBoot(ctx: FleetContext, instance: InstanceRecord, cause: BootCause): void {
  const how = BOOT_WORDS[cause];
  for (const fault of activeFaultsOf(ctx, instance.id)) {
    switch (fault.kind) {
      case "disk_readonly":
        for (const disk of disksOf(ctx, instance)) disk.readOnly = false;
        clearFault(ctx, instance, fault, how);
        break;
      case "conn_limit_packet_loss":
      case "bandwidth_limit_packet_loss":
        clearFault(ctx, instance, fault, how);
        break;
      case "oom":
        if (instance.processRunning) clearFault(ctx, instance, fault, `process came back when the instance ${how}`);
        break;
      case "instance_restarted":
        clearFault(ctx, instance, fault, "running again after the host restarted it");
        break;
      case "unexpected_stop":
        clearFault(ctx, instance, fault, `running again (${how})`);
        break;
      case "kernel_fault":
        if (!instance.panicked) {
          const snapshot = systemDisk(ctx, instance).lastAppliedSnapshot;
          clearFault(ctx, instance, fault, `rolled back to ${snapshot ?? "a good version"} and ${how}`);
        }
        break;
      default:
        break;
    }
  }
}

function afterCommand(ctx: FleetContext, instance: InstanceRecord, command: string, invocationId: string): void {
  for (const fault of activeFaultsOf(ctx, instance.id)) {
    if ((fault.kind === "oom" || fault.kind === "ping_unreachable") && /restart/i.test(command)) {
      clearFault(ctx, instance, fault, `process restarted by ${invocationId}`);
    } else if (fault.kind === "disk_usage_high" && /clean/i.test(command)) {
      clearFault(ctx, instance, fault, `disk cleaned up by ${invocationId}`);
    }
  }
}

function afterRelease(ctx: FleetContext, instance: InstanceRecord, groupIds: string[]): void {
  for (const fault of activeFaultsOf(ctx, instance.id)) {
    if (fault.kind !== "preemptible_interruption") failFault(ctx, fault, "the instance was released before the fault was cleared");
    else if (groupIds.length === 0) clearFault(ctx, instance, fault, "released after it had left every SLB vserver group");
    else failFault(ctx, fault, `released while still serving in ${groupIds.join(", ")}`);
  }
}

/** Marks a fault cleared, emits Tencent's resolved event, tells listeners. */
export function clearFault(ctx: FleetContext, instance: InstanceRecord, fault: FaultRecord, by: string): void {
  fault.clearedAt = isoNow(ctx);
  fault.clearedBy = by;
  const disk = fault.diskId === undefined ? undefined : ctx.disks.get(fault.diskId);
  const usage = fault.kind === "disk_usage_high" ? { value: disk?.usagePercent ?? NORMAL_DISK_USAGE, mountPoint: mountPointOf(disk?.kind) } : undefined;
  emitTencentFaultEvent(ctx, instance, fault, "0", usage);
  notifyFault(ctx, fault);
}

/** Marks a fault failed (it can no longer be healed), tells listeners. */
export function failFault(ctx: FleetContext, fault: FaultRecord, failure: string): void {
  fault.failedAt = isoNow(ctx);
  fault.failure = failure;
  notifyFault(ctx, fault);
}

/** Where a disk is mounted, as the disk-usage alarm names it. */
export function mountPointOf(kind: "SYSTEM_DISK" | "DATA_DISK" | undefined): string {
  return kind === "SYSTEM_DISK" ? "/" : "/data";
}
