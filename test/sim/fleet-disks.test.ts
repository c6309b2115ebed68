// Disks and snapshots: a snapshot keeps a version, ApplySnapshot puts it back, and it is
// refused the way Tencent CBS refuses it (instance not STOPPED, snapshot not NORMAL, snapshot
// of another disk).
import { describe, expect, it } from "vitest";
import { expectSimError, fastFleet, runningInstance, until, untilState } from "./fleet-support.js";

describe("fleet: disks and snapshots", () => {
  it("snapshots go CREATING then NORMAL and keep the disk's version", async () => {
    const fleet = fastFleet();
    const instance = runningInstance(fleet, "tencent", { dataDisks: 1 });
    const [system, data] = fleet.describeDisks({ instanceIds: [instance.id] });
    expect(system).toMatchObject({ kind: "SYSTEM_DISK", version: 1, badVersions: [], readOnly: false });
    expect(data).toMatchObject({ kind: "DATA_DISK", usagePercent: 40 });
    const snapshot = fleet.createSnapshot(system?.id ?? "", "before-upgrade");
    expect(snapshot).toMatchObject({ diskId: system?.id, name: "before-upgrade", version: 1, state: "CREATING" });
    expect(snapshot.id).toMatch(/^snap-[a-z0-9]{8}$/);
    await until(() => fleet.describeSnapshots({ snapshotIds: [snapshot.id] })[0]?.state === "NORMAL", "the snapshot to be NORMAL");
    expect(fleet.describeSnapshots({ diskIds: [data?.id ?? ""] })).toEqual([]);
    expectSimError(() => fleet.createSnapshot("disk-nothere"), "NotFound", /disk-nothere/);
  });

  it("a rollback restores the snapshot's version", async () => {
    const fleet = fastFleet();
    const instance = runningInstance(fleet);
    const disk = fleet.describeDisks({ instanceIds: [instance.id] })[0];
    const diskId = disk?.id ?? "";
    const good = fleet.createSnapshot(diskId);
    await until(() => fleet.describeSnapshots({ snapshotIds: [good.id] })[0]?.state === "NORMAL", "the snapshot");
    fleet.injectFault(instance.id, "kernel_fault"); // moves the disk to version 2, bad
    expect(fleet.describeDisks({ diskIds: [diskId] })[0]).toMatchObject({ version: 2, badVersions: [2] });
    fleet.stopInstances([instance.id]);
    await untilState(fleet, instance.id, "STOPPED");
    fleet.applySnapshot(good.id, diskId);
    expect(fleet.describeDisks({ diskIds: [diskId] })[0]).toMatchObject({ version: 1, badVersions: [2] });
  });

  it("refuses ApplySnapshot on a running instance, a CREATING snapshot, another disk's snapshot and unknown ids", async () => {
    const fleet = fastFleet();
    const instance = runningInstance(fleet, "tencent", { dataDisks: 1 });
    const [system, data] = fleet.describeDisks({ instanceIds: [instance.id] });
    const snapshot = fleet.createSnapshot(system?.id ?? "");
    expectSimError(() => fleet.applySnapshot(snapshot.id, system?.id ?? ""), "IncorrectState", new RegExp(`${snapshot.id} is CREATING`));
    await until(() => fleet.describeSnapshots({ snapshotIds: [snapshot.id] })[0]?.state === "NORMAL", "the snapshot");
    expectSimError(() => fleet.applySnapshot(snapshot.id, system?.id ?? ""), "IncorrectState", new RegExp(`needs instance ${instance.id} to be STOPPED, but it is RUNNING`));
    fleet.stopInstances([instance.id]);
    await untilState(fleet, instance.id, "STOPPED");
    expectSimError(() => fleet.applySnapshot(snapshot.id, data?.id ?? ""), "InvalidParameter", new RegExp(`taken of disk ${system?.id}`));
    expectSimError(() => fleet.applySnapshot("snap-nothere", system?.id ?? ""), "NotFound", /snap-nothere/);
    expectSimError(() => fleet.applySnapshot(snapshot.id, "disk-nothere"), "NotFound", /disk-nothere/);
    fleet.applySnapshot(snapshot.id, system?.id ?? "");
  });

  it("gives Alibaba disks and snapshots Alibaba-shaped ids", async () => {
    const fleet = fastFleet();
    const instance = runningInstance(fleet, "aliyun");
    const disk = fleet.describeDisks({ instanceIds: [instance.id] })[0];
    expect(disk?.id).toMatch(/^d-[a-z0-9]{20}$/);
    expect(fleet.createSnapshot(disk?.id ?? "").id).toMatch(/^s-[a-z0-9]{20}$/);
  });
});
