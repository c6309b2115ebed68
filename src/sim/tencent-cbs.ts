// CBS (API 2017-03-12) as the simulator answers it: DescribeDisks, CreateSnapshot,
// DescribeSnapshots (newest first, as the console lists them) and ApplySnapshot — the rollback
// step of a bad kernel update. ApplySnapshot refuses a disk whose instance is not STOPPED,
// unless `AutoStopInstance` asks the cloud to stop it first (and `AutoStartInstance` to start
// it after), which then happens in the background as on the real service.
import type { TencentCall, TencentHandler } from "./tencent-call.js";
import { TencentApiError, filters, integer, optionalBoolean, optionalString, optionalStrings, page, passes, requiredString } from "./tencent-params.js";
import type { SimDisk, SimFleetApi, SimInstance, SimSnapshot } from "./types.js";
import { beijingTime } from "./vendor-time.js";

const DISK_FILTERS = ["disk-id", "instance-id", "disk-usage", "disk-state", "zone", "project-id", "disk-name"];
const SNAPSHOT_FILTERS = ["snapshot-id", "disk-id", "snapshot-name", "snapshot-state", "disk-usage", "zone", "project-id"];

/** The CBS actions by name. */
export const CBS_ACTIONS: Readonly<Record<string, TencentHandler>> = {
  DescribeDisks: describeDisks,
  CreateSnapshot: createSnapshot,
  DescribeSnapshots: describeSnapshots,
  ApplySnapshot: applySnapshot,
};

/** The disks of the Tencent instances in the call's region, with their instances. */
function disksHere(call: TencentCall): { disk: SimDisk; instance: SimInstance }[] {
  const instances = new Map(call.fleet.describeInstances({ cloud: "tencent", region: call.region }).map((i) => [i.id, i]));
  return call.fleet.describeDisks({ instanceIds: [...instances.keys()] }).flatMap((disk) => {
    const instance = instances.get(disk.instanceId);
    return instance ? [{ disk, instance }] : [];
  });
}

function diskHere(call: TencentCall, diskId: string): { disk: SimDisk; instance: SimInstance } {
  const found = disksHere(call).find((d) => d.disk.id === diskId);
  if (!found) throw new TencentApiError("InvalidDiskId.NotFound", `The disk \`${diskId}\` is not found in region ${call.region}.`);
  return found;
}

function describeDisks(call: TencentCall): Record<string, unknown> {
  const ids = optionalStrings(call.params, "DiskIds");
  const f = filters(call.params, DISK_FILTERS, "DiskIds");
  const offset = integer(call.params, "Offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = integer(call.params, "Limit", 20, 1, 100);
  const matching = disksHere(call).filter(({ disk, instance }) =>
    (!ids || ids.length === 0 || ids.includes(disk.id)) &&
    passes(f, "disk-id", disk.id) && passes(f, "instance-id", instance.id) && passes(f, "disk-usage", disk.kind) &&
    passes(f, "disk-state", "ATTACHED") && passes(f, "zone", instance.zone) && passes(f, "project-id", "0") && passes(f, "disk-name", diskName(disk, instance)),
  );
  return { TotalCount: matching.length, DiskSet: page(matching, offset, limit).map(({ disk, instance }) => cbsDisk(disk, instance)) };
}

function cbsDisk(disk: SimDisk, instance: SimInstance): Record<string, unknown> {
  return {
    DiskId: disk.id,
    DiskName: diskName(disk, instance),
    DiskUsage: disk.kind,
    DiskType: "CLOUD_PREMIUM",
    DiskSize: disk.sizeGb,
    DiskState: "ATTACHED",
    Attached: true,
    InstanceId: instance.id,
    InstanceIdList: [instance.id],
    InstanceType: "CVM",
    Placement: { Zone: instance.zone, ProjectId: 0 },
    DiskChargeType: "POSTPAID_BY_HOUR",
    Portable: disk.kind === "DATA_DISK",
    SnapshotAbility: true,
    DeleteWithInstance: true,
    Encrypt: false,
    CreateTime: beijingTime(instance.createdAt),
    Tags: [],
  };
}

function diskName(disk: SimDisk, instance: SimInstance): string {
  return `${instance.name}-${disk.kind === "SYSTEM_DISK" ? "system" : "data"}-${disk.id.slice(-4)}`;
}

function createSnapshot(call: TencentCall): Record<string, unknown> {
  const diskId = requiredString(call.params, "DiskId");
  diskHere(call, diskId);
  const name = optionalString(call.params, "SnapshotName");
  const snapshot = call.fleet.createSnapshot(diskId, name === "" ? undefined : name);
  return { SnapshotId: snapshot.id };
}

function describeSnapshots(call: TencentCall): Record<string, unknown> {
  const ids = optionalStrings(call.params, "SnapshotIds");
  const f = filters(call.params, SNAPSHOT_FILTERS, "SnapshotIds");
  const offset = integer(call.params, "Offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = integer(call.params, "Limit", 20, 1, 100);
  const order = optionalString(call.params, "Order") ?? "DESC";
  if (order !== "ASC" && order !== "DESC") throw new TencentApiError("InvalidParameterValue", `The value of \`Order\` is '${order}'; it must be ASC or DESC.`);
  const disks = new Map(disksHere(call).map((d) => [d.disk.id, d]));
  const matching = call.fleet
    .describeSnapshots(ids && ids.length > 0 ? { snapshotIds: ids } : {})
    .filter((s) => {
      const d = disks.get(s.diskId);
      return d !== undefined && passes(f, "snapshot-id", s.id) && passes(f, "disk-id", s.diskId) && passes(f, "snapshot-name", s.name) &&
        passes(f, "snapshot-state", s.state) && passes(f, "disk-usage", d.disk.kind) && passes(f, "zone", d.instance.zone) && passes(f, "project-id", "0");
    })
    .sort((a, b) => (order === "ASC" ? 1 : -1) * (Date.parse(a.createdAt) - Date.parse(b.createdAt)));
  return {
    TotalCount: matching.length,
    SnapshotSet: page(matching, offset, limit).map((s) => {
      const d = disks.get(s.diskId);
      return cbsSnapshot(s, d?.disk, d?.instance);
    }),
  };
}

function cbsSnapshot(s: SimSnapshot, disk: SimDisk | undefined, instance: SimInstance | undefined): Record<string, unknown> {
  return {
    SnapshotId: s.id,
    SnapshotName: s.name,
    SnapshotState: s.state,
    Percent: s.state === "NORMAL" ? 100 : 50,
    DiskId: s.diskId,
    DiskUsage: disk?.kind ?? "DATA_DISK",
    DiskSize: disk?.sizeGb ?? 0,
    Placement: { Zone: instance?.zone ?? "", ProjectId: 0 },
    CreateTime: beijingTime(s.createdAt),
    DeadlineTime: null,
    Encrypt: false,
    IsPermanent: true,
    SnapshotType: "PRIVATE_SNAPSHOT",
    CopyFromRemote: false,
    CopyingToRegions: [],
    ImageCount: 0,
    Images: [],
    ShareReference: 0,
    Tags: [],
  };
}

function applySnapshot(call: TencentCall): Record<string, unknown> {
  const snapshotId = requiredString(call.params, "SnapshotId");
  const diskId = requiredString(call.params, "DiskId");
  const autoStop = optionalBoolean(call.params, "AutoStopInstance") === true;
  const autoStart = optionalBoolean(call.params, "AutoStartInstance") === true;
  const { instance } = diskHere(call, diskId);
  const snapshot = call.fleet.describeSnapshots({ snapshotIds: [snapshotId] })[0];
  if (!snapshot) throw new TencentApiError("InvalidSnapshotId.NotFound", `The snapshot \`${snapshotId}\` is not found.`);
  if (snapshot.diskId !== diskId) throw new TencentApiError("InvalidParameterValue", `The snapshot \`${snapshotId}\` was taken of disk ${snapshot.diskId}, not of ${diskId}.`);
  if (snapshot.state !== "NORMAL") throw new TencentApiError("UnsupportedOperation.StateError", `The snapshot \`${snapshotId}\` is ${snapshot.state}; it can be applied once NORMAL.`);
  if (instance.state === "STOPPED") {
    call.fleet.applySnapshot(snapshotId, diskId);
    if (autoStart) call.fleet.startInstances([instance.id]);
    return {};
  }
  if (!autoStop || instance.state !== "RUNNING") {
    throw new TencentApiError("UnsupportedOperation.InstanceNotStopped", `The instance ${instance.id} the disk ${diskId} is attached to is ${instance.state}; stop it first, or set AutoStopInstance.`);
  }
  call.fleet.stopInstances([instance.id]);
  call.operations.record([instance.id], "StopInstances", call.requestId);
  rollBackWhenStopped(call.fleet, instance.id, snapshotId, diskId, autoStart);
  return {};
}

/**
 * Applies the snapshot once the instance has stopped (then starts it if asked), told by the
 * fleet's state changes; gives up if the instance goes anywhere but STOPPED. The roll-back runs
 * after the change that told of it, not inside it, so the transition finishes first.
 */
function rollBackWhenStopped(fleet: SimFleetApi, instanceId: string, snapshotId: string, diskId: string, autoStart: boolean): void {
  const unsubscribe = fleet.onInstanceState((instance) => {
    if (instance.id !== instanceId || instance.state === "STOPPING") return;
    unsubscribe();
    if (instance.state !== "STOPPED") return;
    queueMicrotask(() => {
      try {
        fleet.applySnapshot(snapshotId, diskId);
        if (autoStart) fleet.startInstances([instanceId]);
      } catch {
        // The instance or disk changed in between (released, started again): nothing to roll back.
      }
    });
  });
}
