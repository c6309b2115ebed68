// Each Tencent-side fault: its effect when it strikes, its clearing by the right remediation,
// and that the wrong remediation leaves it active. Also the fault bookkeeping: the events
// with status "1" then "0", onFault listeners, refusals.
import { describe, expect, it } from "vitest";
import type { SimFault, SimFaultKind, SimFleetApi } from "../../src/sim/types.js";
import { expectSimError, fastFleet, runningInstance, until, untilState, untilTaskDone } from "./fleet-support.js";

function activeKinds(fleet: SimFleetApi, id: string): SimFaultKind[] {
  return fleet.instance(id).activeFaults;
}

function untilCleared(fleet: SimFleetApi, fault: SimFault): Promise<SimFault> {
  return until(() => {
    const now = fleet.faults({ instanceId: fault.instanceId }).find((f) => f.id === fault.id);
    return now?.clearedAt !== undefined ? now : undefined;
  }, `${fault.kind} on ${fault.instanceId} to clear`);
}

async function succeed(fleet: SimFleetApi, id: string, command: string): Promise<void> {
  const task = await untilTaskDone(fleet, fleet.runCommand([id], command).id);
  expect(task.status).toBe("SUCCESS");
}

async function reboot(fleet: SimFleetApi, id: string): Promise<void> {
  fleet.rebootInstances([id]);
  await untilState(fleet, id, "RUNNING");
}

async function stopStart(fleet: SimFleetApi, id: string): Promise<void> {
  fleet.stopInstances([id]);
  await untilState(fleet, id, "STOPPED");
  fleet.startInstances([id]);
  await untilState(fleet, id, "RUNNING");
}

function statuses(fleet: SimFleetApi, type: string): unknown[] {
  return fleet.emittedEvents().filter((e) => e.body.type === type).map((e) => e.body.status);
}

describe("fleet: Tencent faults", () => {
  it("ping_unreachable: host recovery reboot, unreachable until a restart command; a reboot does not clear it", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, "ping_unreachable");
    expect(fault.id).toMatch(/^flt-/);
    expect(fleet.instance(id)).toMatchObject({ state: "REBOOTING", reachable: false, process: { running: false }, activeFaults: ["ping_unreachable"] });
    expectSimError(() => fleet.runCommand([id], "systemctl restart app"), "IncorrectState", /REBOOTING/);
    await untilState(fleet, id, "RUNNING");
    expect(fleet.instance(id)).toMatchObject({ reachable: false, process: { running: false } });
    expectSimError(() => fleet.runCommand([id], "uptime"), "IncorrectState", /does not answer ping/);
    await reboot(fleet, id); // the wrong remediation
    expect(activeKinds(fleet, id)).toEqual(["ping_unreachable"]);
    expect(fleet.instance(id).reachable).toBe(false);
    await succeed(fleet, id, "systemctl restart app");
    const cleared = await untilCleared(fleet, fault);
    expect(cleared.clearedBy).toMatch(/^process restarted by inv-/);
    expect(fleet.instance(id)).toMatchObject({ reachable: true, process: { running: true, restarts: 1 }, activeFaults: [] });
    expect(statuses(fleet, "cvm:ErrorEvent:PingUnreachable")).toEqual(["1", "0"]);
  });

  it("disk_readonly: the system disk is read-only until the next boot; a restart command does not clear it", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, "disk_readonly");
    expect(fleet.describeDisks({ instanceIds: [id] })[0]?.readOnly).toBe(true);
    await succeed(fleet, id, "systemctl restart app");
    expect(activeKinds(fleet, id)).toEqual(["disk_readonly"]);
    await reboot(fleet, id);
    expect((await untilCleared(fleet, fault)).clearedBy).toBe("rebooted");
    expect(fleet.describeDisks({ instanceIds: [id] })[0]?.readOnly).toBe(false);
    expect(statuses(fleet, "cvm:ErrorEvent:DiskReadonly")).toEqual(["1", "0"]);

    const again = fleet.injectFault(id, "disk_readonly");
    await stopStart(fleet, id);
    expect((await untilCleared(fleet, again)).clearedBy).toBe("stopped and started again");
  });

  it("kernel_fault: panics until a rollback to a good version boots; a reboot or a rollback to the bad version does not clear it", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const diskId = fleet.describeDisks({ instanceIds: [id] })[0]?.id ?? "";
    const good = fleet.createSnapshot(diskId, "good");
    await until(() => fleet.describeSnapshots({ snapshotIds: [good.id] })[0]?.state === "NORMAL", "the good snapshot");
    const fault = fleet.injectFault(id, "kernel_fault");
    expect(fleet.instance(id)).toMatchObject({ state: "RUNNING", reachable: false, process: { running: false } });
    expect(fleet.describeDisks({ diskIds: [diskId] })[0]).toMatchObject({ version: 2, badVersions: [2] });
    expectSimError(() => fleet.runCommand([id], "systemctl restart app"), "IncorrectState", /kernel panicked/);

    await reboot(fleet, id); // wrong: boots the bad version again
    expect(fleet.instance(id)).toMatchObject({ reachable: false, activeFaults: ["kernel_fault"] });

    const bad = fleet.createSnapshot(diskId, "bad");
    await until(() => fleet.describeSnapshots({ snapshotIds: [bad.id] })[0]?.state === "NORMAL", "the bad snapshot");
    fleet.stopInstances([id]);
    await untilState(fleet, id, "STOPPED");
    fleet.applySnapshot(bad.id, diskId); // wrong: a snapshot of the bad version
    fleet.startInstances([id]);
    await untilState(fleet, id, "RUNNING");
    expect(fleet.instance(id)).toMatchObject({ reachable: false, activeFaults: ["kernel_fault"] });

    fleet.stopInstances([id]);
    await untilState(fleet, id, "STOPPED");
    fleet.applySnapshot(good.id, diskId);
    expect(activeKinds(fleet, id)).toEqual(["kernel_fault"]); // not until it boots
    fleet.startInstances([id]);
    const cleared = await untilCleared(fleet, fault);
    expect(cleared.clearedBy).toBe(`rolled back to ${good.id} and stopped and started again`);
    expect(fleet.instance(id)).toMatchObject({ reachable: true, process: { running: true } });
    expect(statuses(fleet, "cvm:ErrorEvent:GuestCoreError")).toEqual(["1", "0"]);
  });

  it("oom: the process is down until a restart command; another command does not clear it", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, "oom");
    expect(fleet.instance(id)).toMatchObject({ reachable: true, process: { running: false } });
    await succeed(fleet, id, "free -m");
    expect(activeKinds(fleet, id)).toEqual(["oom"]);
    await succeed(fleet, id, "systemctl restart app");
    expect((await untilCleared(fleet, fault)).clearedBy).toMatch(/^process restarted by inv-/);
    expect(fleet.instance(id).process.running).toBe(true);
  });

  it("oom: a reboot brings the process back too; a failed restart does not", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, "oom");
    const failed = await untilTaskDone(fleet, fleet.runCommand([id], "systemctl restart app; exit 1").id);
    expect(failed.status).toBe("FAILED");
    expect(activeKinds(fleet, id)).toEqual(["oom"]);
    await reboot(fleet, id);
    expect((await untilCleared(fleet, fault)).clearedBy).toMatch(/rebooted/);
  });

  it("instance_restarted: REBOOTING by itself, cleared once RUNNING again", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, "instance_restarted");
    expect(fleet.instance(id).state).toBe("REBOOTING");
    await untilState(fleet, id, "RUNNING");
    expect((await untilCleared(fleet, fault)).clearedBy).toMatch(/running again/);
    expect(statuses(fleet, "cvm:ErrorEvent:InstanceRestarted")).toEqual(["1", "0"]);
  });

  it("unexpected_stop: STOPPING then STOPPED, cleared when started again; a reboot is refused", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, "unexpected_stop");
    expect(fleet.instance(id).state).toBe("STOPPING");
    await untilState(fleet, id, "STOPPED");
    expectSimError(() => fleet.rebootInstances([id]), "IncorrectState");
    expect(activeKinds(fleet, id)).toEqual(["unexpected_stop"]);
    fleet.startInstances([id]);
    expect((await untilCleared(fleet, fault)).clearedBy).toMatch(/running again/);
    const events = fleet.emittedEvents().filter((e) => e.body.type === "cvm:OperationEvent:InstancePowerOff");
    expect(events.map((e) => e.body.status)).toEqual(["1", "0"]);
    expect((events[0]?.body.data as { additionalMsg: { reason: string } }).additionalMsg.reason).toBe("unexpected");
  });

  it("unexpected_stop on Alibaba: Stopping and Stopped events, cleared on Running", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet, "aliyun");
    const fault = fleet.injectFault(id, "unexpected_stop");
    await untilState(fleet, id, "STOPPED");
    fleet.startInstances([id]);
    await untilCleared(fleet, fault);
    const states = fleet.emittedEvents().map((e) => (e.body.content as { state?: string }).state);
    expect(states).toEqual(["Pending", "Running", "Stopping", "Stopped", "Starting", "Running"]);
  });

  it.each(["conn_limit_packet_loss", "bandwidth_limit_packet_loss"] as const)("%s: a restart command does not clear it, a reboot does", async (kind) => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const fault = fleet.injectFault(id, kind);
    expect(fleet.instance(id).reachable).toBe(true);
    await succeed(fleet, id, "systemctl restart app");
    expect(activeKinds(fleet, id)).toEqual([kind]);
    await reboot(fleet, id);
    expect((await untilCleared(fleet, fault)).clearedBy).toBe("rebooted");
  });

  it("disk_usage_high: the data disk at 93.5 % until a cleanup command; a restart does not clear it", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet, "tencent", { dataDisks: 1 });
    const fault = fleet.injectFault(id, "disk_usage_high");
    const data = () => fleet.describeDisks({ instanceIds: [id] }).find((d) => d.kind === "DATA_DISK");
    expect(data()?.usagePercent).toBe(93.5);
    await succeed(fleet, id, "systemctl restart app");
    await reboot(fleet, id);
    expect(activeKinds(fleet, id)).toEqual(["disk_usage_high"]);
    await succeed(fleet, id, "find /data/logs -mtime +7 -delete # clean old logs");
    expect((await untilCleared(fleet, fault)).clearedBy).toMatch(/^disk cleaned up by inv-/);
    expect(data()?.usagePercent).toBe(40);
    const events = fleet.emittedEvents().filter((e) => e.body.type === "cvm:AlarmEvent:DiskUsage");
    expect(events.map((e) => [e.body.status, (e.body.data as { value: number }).value])).toEqual([["1", 93.5], ["0", 40]]);
  });

  it("disk_usage_high without a data disk fills the system disk", () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    fleet.injectFault(id, "disk_usage_high");
    expect(fleet.describeDisks({ instanceIds: [id] })[0]?.usagePercent).toBe(93.5);
    expect((fleet.emittedEvents()[0]?.body.data as { mountPoint: string }).mountPoint).toBe("/");
  });

  it("refuses faults on the wrong cloud, in the wrong state, twice, or of an unknown kind", () => {
    const fleet = fastFleet();
    const tencent = runningInstance(fleet);
    const aliyun = runningInstance(fleet, "aliyun");
    const stopped = runningInstance(fleet, "tencent", { state: "STOPPED" });
    expectSimError(() => fleet.injectFault(aliyun.id, "kernel_fault"), "Unsupported", /kernel_fault exists only on tencent instances/);
    expectSimError(() => fleet.injectFault(tencent.id, "preemptible_interruption"), "Unsupported");
    expectSimError(() => fleet.injectFault(stopped.id, "oom"), "IncorrectState", /but it is STOPPED/);
    expectSimError(() => fleet.injectFault(tencent.id, "meteor" as SimFaultKind), "InvalidParameter", /unknown fault kind "meteor"/);
    const first = fleet.injectFault(tencent.id, "oom");
    expectSimError(() => fleet.injectFault(tencent.id, "oom"), "IncorrectState", new RegExp(`already has an active oom fault \\(${first.id}\\)`));
    expect(fleet.faults()).toHaveLength(1);
  });

  it("tells onFault listeners of injection and clearing, and lists faults by instance and activity", async () => {
    const fleet = fastFleet();
    const a = runningInstance(fleet);
    const b = runningInstance(fleet);
    const heard: SimFault[] = [];
    const stop = fleet.onFault((f) => heard.push(f));
    const fault = fleet.injectFault(a.id, "instance_restarted");
    fleet.injectFault(b.id, "oom");
    await untilCleared(fleet, fault);
    stop();
    fleet.injectFault(a.id, "oom");
    expect(heard.map((f) => [f.kind, f.clearedAt === undefined])).toEqual([["instance_restarted", true], ["oom", true], ["instance_restarted", false]]);
    expect(fleet.faults({ active: true }).map((f) => f.kind)).toEqual(["oom", "oom"]);
    expect(fleet.faults({ instanceId: a.id, active: false }).map((f) => f.id)).toEqual([fault.id]);
  });

  it("fails the active faults of an instance that is released", () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    const failed: SimFault[] = [];
    fleet.onFault((f) => {
      if (f.failedAt !== undefined) failed.push(f);
    });
    fleet.injectFault(id, "oom");
    fleet.releaseInstances([id]);
    expect(failed.map((f) => f.failure)).toEqual(["the instance was released before the fault was cleared"]);
    expect(fleet.faults({ active: true })).toEqual([]);
  });
});
