// Two remediations end to end through the API, as a workflow would run them with the tencent
// pack: a read-only system disk healed by a reboot, and a kernel fault healed by rolling the
// system disk back to a snapshot taken before it — first the refusal a running instance gets,
// then the rollback (stop, apply, start by hand; and with AutoStopInstance/AutoStartInstance).
// The simulator emits the Tencent events of each fault opening and closing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import { SimControlClient } from "../../src/sim/control-client.js";
import type { SimInstance } from "../../src/sim/types.js";
import { waitFor } from "../support/reflex.js";
import { packRunner, startTestSimulator } from "./server-support.js";
import type { PackRunner } from "./server-support.js";

let sim: RunningSimulator;
let pack: PackRunner;
let control: SimControlClient;
const GZ = "ap-guangzhou";

beforeAll(async () => {
  sim = await startTestSimulator();
  pack = packRunner(sim);
  control = new SimControlClient({ url: sim.url });
});

afterAll(async () => {
  await sim.close();
});

async function newInstance(name: string): Promise<SimInstance> {
  const [instance] = await control.createInstances([{ cloud: "tencent", name, state: "RUNNING" }]);
  return instance as SimInstance;
}

function until(id: string, check: (i: SimInstance) => boolean, what: string): Promise<SimInstance> {
  return waitFor(async () => {
    const instance = await control.instance(id);
    return check(instance) ? instance : undefined;
  }, what);
}

describe("disk read-only, healed by a reboot", () => {
  it("opens the fault, emits DiskReadonly status 1; a reboot through the API clears it and emits status 0", async () => {
    const web = await newInstance("web-ro");
    const { next } = await control.events(0);
    const fault = await control.injectFault(web.id, "disk_readonly");
    expect(sim.fleet.describeDisks({ instanceIds: [web.id] }).find((d) => d.kind === "SYSTEM_DISK")?.readOnly).toBe(true);
    expect((await control.instance(web.id)).activeFaults).toEqual(["disk_readonly"]);

    await pack.run("tencent.cvm.reboot_instances", { region: GZ, instanceIds: [web.id] });
    await until(web.id, (i) => i.state === "RUNNING" && i.activeFaults.length === 0, "the reboot to clear the read-only disk");
    const [cleared] = await control.faults({ instanceId: web.id });
    expect(cleared).toMatchObject({ id: fault.id, kind: "disk_readonly", clearedAt: expect.any(String), clearedBy: expect.stringContaining("reboot") });
    expect(sim.fleet.describeDisks({ instanceIds: [web.id] }).every((d) => !d.readOnly)).toBe(true);

    const events = (await control.events(next)).events.filter((e) => e.instanceId === web.id);
    expect(events.map((e) => [e.body["type"], e.body["status"]])).toEqual([
      ["cvm:ErrorEvent:DiskReadonly", "1"],
      ["cvm:ErrorEvent:DiskReadonly", "0"],
    ]);
    expect(events[0]?.body).toMatchObject({ source: "cvm.cloud.tencent", subject: web.id, region: GZ, data: { instanceId: web.id, dimensions: { ip: web.privateIp } } });
  });
});

describe("kernel fault, healed by rolling the system disk back", () => {
  async function snapshotBeforeTheFault(instance: SimInstance): Promise<{ snapshotId: string; diskId: string }> {
    const disks = await pack.run("tencent.cbs.describe_disks", { region: GZ, filters: [{ name: "instance-id", values: [instance.id] }, { name: "disk-usage", values: ["SYSTEM_DISK"] }] });
    const diskId = (disks["DiskSet"] as { DiskId: string }[])[0]?.DiskId ?? "";
    const created = await pack.run("tencent.cbs.create_snapshot", { region: GZ, diskId, snapshotName: "before-kernel-update" });
    const snapshotId = created["SnapshotId"] as string;
    await waitFor(async () => {
      const found = await pack.run("tencent.cbs.describe_snapshots", { region: GZ, filters: [{ name: "disk-id", values: [diskId] }] });
      return (found["SnapshotSet"] as { SnapshotId: string; SnapshotState: string }[]).find((s) => s.SnapshotId === snapshotId && s.SnapshotState === "NORMAL");
    }, "the snapshot to be NORMAL");
    return { snapshotId, diskId };
  }

  it("hangs the instance; a reboot does not help; stop, apply the snapshot, start does", async () => {
    const web = await newInstance("web-kernel");
    const { snapshotId, diskId } = await snapshotBeforeTheFault(web);
    await control.injectFault(web.id, "kernel_fault");
    const hung = await control.instance(web.id);
    expect(hung).toMatchObject({ state: "RUNNING", reachable: false });
    const offline = await pack.failure("tencent.tat.run_command", { region: GZ, instanceIds: [web.id], command: "uname -r" });
    expect(offline.message).toContain("ResourceUnavailable.AgentStatusNotOnline");

    const running = await pack.failure("tencent.cbs.apply_snapshot", { region: GZ, snapshotId, diskId });
    expect(running.message).toContain("UnsupportedOperation.InstanceNotStopped");

    await pack.run("tencent.cvm.reboot_instances", { region: GZ, instanceIds: [web.id] });
    await until(web.id, (i) => i.state === "RUNNING", "the reboot");
    expect((await control.instance(web.id)).activeFaults).toEqual(["kernel_fault"]);

    await pack.run("tencent.cvm.stop_instances", { region: GZ, instanceIds: [web.id] });
    await until(web.id, (i) => i.state === "STOPPED", "the stop");
    await pack.run("tencent.cbs.apply_snapshot", { region: GZ, snapshotId, diskId });
    await pack.run("tencent.cvm.start_instances", { region: GZ, instanceIds: [web.id] });
    const healed = await until(web.id, (i) => i.state === "RUNNING" && i.activeFaults.length === 0, "the rolled-back instance to boot");
    expect(healed.reachable).toBe(true);
    expect((await control.faults({ instanceId: web.id }))[0]).toMatchObject({ kind: "kernel_fault", clearedBy: expect.stringContaining(snapshotId) });
    expect(await pack.run("tencent.tat.run_command", { region: GZ, instanceIds: [web.id], command: "uname -r" })).toMatchObject({ status: "SUCCESS" });
  });

  it("rolls back in one call with AutoStopInstance and AutoStartInstance", async () => {
    const web = await newInstance("web-kernel-auto");
    const { snapshotId, diskId } = await snapshotBeforeTheFault(web);
    await control.injectFault(web.id, "kernel_fault");
    const answer = await pack.run("tencent.cbs.apply_snapshot", { region: GZ, snapshotId, diskId, autoStopInstance: true, autoStartInstance: true });
    expect(Object.keys(answer)).toEqual(["RequestId"]);
    expect((await control.instance(web.id)).state).toBe("STOPPING");
    await until(web.id, (i) => i.state === "RUNNING" && i.activeFaults.length === 0, "the automatic stop, rollback and start");
    const snapshots = await pack.run("tencent.cbs.describe_snapshots", { region: GZ, snapshotIds: ["snap-nothere0"] });
    expect(snapshots).toMatchObject({ TotalCount: 0, SnapshotSet: [] });
    const wrong = await pack.failure("tencent.cbs.apply_snapshot", { region: GZ, snapshotId: "snap-nothere0", diskId });
    expect(wrong.message).toContain("InvalidSnapshotId.NotFound");
  });
});
