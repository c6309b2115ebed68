// Seed scenario a end to end (examples/a-kernel-rollback/): a kernel fault on a simulated CVM
// instance whose system disk has a snapshot of its good version is told to the chat and rolled
// back — hard stop, wait STOPPED, ApplySnapshot, start, wait RUNNING — which clears the fault,
// with the disk back at the snapshot's version; an instance without a snapshot is left alone,
// the chat says why and the execution fails. Only the YAML's 10 s waits are shortened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExampleRun } from "../support/example-run.js";
import { startExample } from "../support/example-run.js";
import { endedExecution } from "./reflex-records.js";

const WORKFLOW = "a.kernel-rollback";

let run: ExampleRun;
let good: string;
let bare: string;

beforeAll(async () => {
  run = await startExample("a-kernel-rollback", {
    instances: [
      { cloud: "tencent", name: "web-with-snapshot", state: "RUNNING" },
      { cloud: "tencent", name: "web-without-snapshot", state: "RUNNING" },
    ],
    rewrite: (text) => text.replaceAll("delay: 10s", "delay: 100ms"),
  });
  [good, bare] = run.instances.map((i) => i.id) as [string, string];
}, 20_000);

afterAll(async () => {
  await run?.close();
});

function kernelFault(instance: string): { active: boolean; clearedBy?: string } | undefined {
  const fault = run.sim.fleet.faults({ instanceId: instance }).find((f) => f.kind === "kernel_fault");
  return fault && { active: fault.clearedAt === undefined && fault.failedAt === undefined, ...(fault.clearedBy === undefined ? {} : { clearedBy: fault.clearedBy }) };
}

describe("examples/a-kernel-rollback", () => {
  it("rolls the system disk back to the snapshot taken before the fault, and the instance runs again", async () => {
    const disk = run.systemDisk(good);
    const taken = run.sim.fleet.createSnapshot(disk.id, "before-kernel-update");
    const snapshot = await run.waitForSim((sim) => sim.fleet.describeSnapshots({ snapshotIds: [taken.id] }).find((s) => s.state === "NORMAL"), `snapshot ${taken.id} NORMAL`);
    expect(snapshot.version).toBe(disk.version);

    run.sim.fleet.injectFault(good, "kernel_fault");
    expect(run.systemDisk(good).version).not.toBe(snapshot.version);
    expect(kernelFault(good)?.active).toBe(true);

    await run.waitForSim((sim) => (kernelFault(good)?.active === false && sim.fleet.instance(good).state === "RUNNING" ? true : undefined), `the kernel fault of ${good} cleared and the instance RUNNING`);
    expect(run.systemDisk(good).version).toBe(snapshot.version);
    expect(kernelFault(good)?.clearedBy).toContain(`rolled back to ${snapshot.id}`);
    const instance = run.sim.fleet.instance(good);
    expect(instance).toMatchObject({ state: "RUNNING", reachable: true, activeFaults: [] });
    expect(instance.process.running).toBe(true);

    const alarm = await run.waitForChat(new RegExp(`^${good}: guest kernel fault`, "m"));
    expect(alarm).toContain("cvm:ErrorEvent:GuestCoreError");
    await run.waitForChat(new RegExp(`^${good} rolled back to ${snapshot.id} and running \\(system disk ${disk.id}\\)$`, "m"));

    const execution = await endedExecution(run.reflex, WORKFLOW, good);
    expect(execution.status).toBe("succeeded");
    expect(execution.output).toEqual({ snapshotId: snapshot.id, diskId: disk.id, rolledBack: true });
  });

  it("without a snapshot from before the alarm, touches nothing, says so in chat and fails", async () => {
    const disk = run.systemDisk(bare);
    run.sim.fleet.injectFault(bare, "kernel_fault");

    await run.waitForChat(new RegExp(`^${bare}: guest kernel fault`, "m"));
    const said = await run.waitForChat(new RegExp(`^${bare}: no NORMAL snapshot`, "m"));
    expect(said.split("\n")).toContain(`${bare}: no NORMAL snapshot of system disk ${disk.id} taken before the alarm; not rolled back, please look`);
    const execution = await endedExecution(run.reflex, WORKFLOW, bare);
    expect(execution.status).toBe("failed");

    expect(kernelFault(bare)?.active).toBe(true);
    const instance = run.sim.fleet.instance(bare);
    expect(instance.state).toBe("RUNNING");
    expect(instance.reachable).toBe(false);
    expect(run.systemDisk(bare).version).toBe(disk.version + 1);
    expect(run.chat().some((text) => text.includes(`${bare} rolled back`))).toBe(false);
  });
});
