// Disks and snapshots. A disk's content is a version number: a faulty kernel update moves the
// system disk to a new version marked bad, a snapshot remembers a version, and ApplySnapshot
// (only on a STOPPED instance, as on Tencent CBS) puts a version back — which is how the
// kernel-fault drill tells a real rollback from a reboot.
import type { DiskRecord, FleetContext, InstanceRecord } from "./fleet-context.js";
import { isoNow } from "./fleet-context.js";
import { liveInstance, requireState } from "./instances.js";
import { uniqueSimId } from "./sim-ids.js";
import type { SimDisk, SimSnapshot } from "./types.js";
import { SimOperationError } from "./types.js";

/** Usage of a fresh data disk, and what a cleanup brings it back to. */
export const NORMAL_DISK_USAGE = 40;

/** Creates the system disk and `dataDisks` data disks of a new instance. */
export function createDisksFor(ctx: FleetContext, instance: InstanceRecord, dataDisks: number): void {
  for (let i = 0; i <= dataDisks; i++) {
    const system = i === 0;
    const id = instance.cloud === "tencent" ? uniqueSimId("disk-", 8, ctx.disks) : uniqueSimId("d-", 20, ctx.disks);
    ctx.disks.set(id, {
      id,
      instanceId: instance.id,
      kind: system ? "SYSTEM_DISK" : "DATA_DISK",
      sizeGb: system ? 50 : 100,
      version: 1,
      badVersions: [],
      readOnly: false,
      usagePercent: system ? 30 : NORMAL_DISK_USAGE,
    });
    instance.diskIds.push(id);
  }
}

/** The instance's system disk. */
export function systemDisk(ctx: FleetContext, instance: InstanceRecord): DiskRecord {
  const disk = instance.diskIds.map((id) => ctx.disks.get(id)).find((d) => d?.kind === "SYSTEM_DISK");
  if (disk === undefined) throw new Error(`instance ${instance.id} has no system disk (a bug in the simulator)`);
  return disk;
}

/** The instance's disks, system disk first. */
export function disksOf(ctx: FleetContext, instance: InstanceRecord): DiskRecord[] {
  return instance.diskIds.map((id) => ctx.disks.get(id)).filter((d): d is DiskRecord => d !== undefined);
}

/** Disks matching the filter, in creation order. */
export function describeDisks(ctx: FleetContext, filter: { diskIds?: readonly string[]; instanceIds?: readonly string[] } = {}): SimDisk[] {
  const ids = nonEmptySet(filter.diskIds);
  const instances = nonEmptySet(filter.instanceIds);
  return [...ctx.disks.values()].filter((d) => (ids === undefined || ids.has(d.id)) && (instances === undefined || instances.has(d.instanceId))).map(diskView);
}

/** Snapshots a disk: CREATING, NORMAL after snapshotMs; it keeps the disk's current version. */
export function createSnapshot(ctx: FleetContext, diskId: string, name?: string): SimSnapshot {
  const disk = diskById(ctx, diskId);
  const instance = liveInstance(ctx, disk.instanceId);
  const id = instance.cloud === "tencent" ? uniqueSimId("snap-", 8, ctx.snapshots) : uniqueSimId("s-", 20, ctx.snapshots);
  const snapshot: SimSnapshot = { id, diskId, name: name ?? `${diskId}-v${disk.version}`, version: disk.version, state: "CREATING", createdAt: isoNow(ctx) };
  ctx.snapshots.set(id, snapshot);
  ctx.timers.after(ctx.timings.snapshotMs, () => {
    snapshot.state = "NORMAL";
  });
  return { ...snapshot };
}

/** Snapshots matching the filter, in creation order. */
export function describeSnapshots(ctx: FleetContext, filter: { snapshotIds?: readonly string[]; diskIds?: readonly string[] } = {}): SimSnapshot[] {
  const ids = nonEmptySet(filter.snapshotIds);
  const disks = nonEmptySet(filter.diskIds);
  return [...ctx.snapshots.values()].filter((s) => (ids === undefined || ids.has(s.id)) && (disks === undefined || disks.has(s.diskId))).map((s) => ({ ...s }));
}

/** Rolls `diskId` back to the snapshot's version; the snapshot must be NORMAL and of that disk, the instance STOPPED. */
export function applySnapshot(ctx: FleetContext, snapshotId: string, diskId: string): void {
  const snapshot = ctx.snapshots.get(snapshotId);
  if (snapshot === undefined) throw new SimOperationError("NotFound", `snapshot ${snapshotId} does not exist`, snapshotId);
  const disk = diskById(ctx, diskId);
  if (snapshot.diskId !== diskId) {
    throw new SimOperationError("InvalidParameter", `snapshot ${snapshotId} was taken of disk ${snapshot.diskId}, not of ${diskId}; apply it to the disk it came from`, snapshotId);
  }
  if (snapshot.state !== "NORMAL") throw new SimOperationError("IncorrectState", `snapshot ${snapshotId} is ${snapshot.state}; wait until it is NORMAL`, snapshotId);
  const instance = liveInstance(ctx, disk.instanceId);
  requireState(instance, ["STOPPED"], `applying snapshot ${snapshotId} to disk ${diskId}`);
  disk.version = snapshot.version;
  disk.lastAppliedSnapshot = snapshot.id;
}

function diskById(ctx: FleetContext, diskId: string): DiskRecord {
  const disk = ctx.disks.get(diskId);
  if (disk === undefined) throw new SimOperationError("NotFound", `disk ${diskId} does not exist`, diskId);
  return disk;
}

function diskView(disk: DiskRecord): SimDisk {
  return {
    id: disk.id,
    instanceId: disk.instanceId,
    kind: disk.kind,
    sizeGb: disk.sizeGb,
    version: disk.version,
    badVersions: [...disk.badVersions],
    readOnly: disk.readOnly,
    usagePercent: disk.usagePercent,
  };
}

function nonEmptySet(values: readonly string[] | undefined): Set<string> | undefined {
  return values !== undefined && values.length > 0 ? new Set(values) : undefined;
}
