// Seed scenario b end to end (examples/b-disk-readonly/): a read-only disk alarm from the
// simulated Tencent cloud is two deliveries of one rule — the chat message and the repair
// workflow — and the workflow snapshots the system disk (waited for until NORMAL), reboots the
// instance, which clears the fault, and waits until it runs; an instance restart is one chat
// message, from the second rule, and its "resolved" event matches nothing. Only the YAML's
// 10 s waits are shortened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExampleRun } from "../support/example-run.js";
import { startExample } from "../support/example-run.js";
import { endedExecution } from "./reflex-records.js";
import { lineageOf, storedEvents } from "./rule-records.js";

const WORKFLOW = "b.disk-readonly";

let run: ExampleRun;
let readonly: string;
let restarted: string;

beforeAll(async () => {
  run = await startExample("b-disk-readonly", {
    instances: [
      { cloud: "tencent", name: "db-readonly", state: "RUNNING" },
      { cloud: "tencent", name: "web-restarted", state: "RUNNING" },
    ],
    rewrite: (text) => text.replaceAll("delay: 10s", "delay: 100ms"),
  });
  [readonly, restarted] = run.instances.map((i) => i.id) as [string, string];
}, 20_000);

afterAll(async () => {
  await run?.close();
});

function faultCleared(instance: string, kind: "disk_readonly" | "instance_restarted"): boolean {
  return run.sim.fleet.faults({ instanceId: instance }).some((f) => f.kind === kind && f.clearedAt !== undefined);
}

describe("examples/b-disk-readonly", () => {
  it("tells the chat and, as a second delivery, backs the system disk up and reboots, which clears the fault", async () => {
    const disk = run.systemDisk(readonly);
    expect(run.sim.fleet.describeSnapshots({ diskIds: [disk.id] })).toEqual([]);
    run.sim.fleet.injectFault(readonly, "disk_readonly");
    expect(run.systemDisk(readonly).readOnly).toBe(true);

    await run.waitForSim((sim) => (faultCleared(readonly, "disk_readonly") && sim.fleet.instance(readonly).state === "RUNNING" ? true : undefined), `the read-only fault of ${readonly} cleared and the instance RUNNING`);
    expect(run.systemDisk(readonly).readOnly).toBe(false);
    expect(run.sim.fleet.instance(readonly)).toMatchObject({ state: "RUNNING", reachable: true });

    // The backup was taken (and finished) before the reboot that cleared the fault.
    const snapshots = run.sim.fleet.describeSnapshots({ diskIds: [disk.id] });
    expect(snapshots).toHaveLength(1);
    const [snapshot] = snapshots;
    expect(snapshot).toMatchObject({ state: "NORMAL", version: disk.version });
    expect(snapshot?.name).toMatch(new RegExp(`^readonly-${readonly}-\\d{14}$`));
    const fault = run.sim.fleet.faults({ instanceId: readonly }).find((f) => f.kind === "disk_readonly");
    expect(fault?.clearedBy).toBe("rebooted");
    expect(Date.parse(snapshot?.createdAt ?? "")).toBeLessThanOrEqual(Date.parse(fault?.clearedAt ?? ""));

    const alarm = await run.waitForChat(new RegExp(`^${readonly}: a disk went read-only`, "m"));
    expect(alarm).toContain("cvm:ErrorEvent:DiskReadonly");
    await run.waitForChat(new RegExp(`^${readonly}: system disk ${disk.id} backed up to ${snapshot?.id}, rebooted, running$`, "m"));

    const execution = await endedExecution(run.reflex, WORKFLOW, readonly);
    expect(execution.status).toBe("succeeded");
    expect(execution.output).toEqual({ diskId: disk.id, snapshotId: snapshot?.id, rebooted: true });

    // One alarm, one rule, two targets: two deliveries, each delivered.
    const [event] = await storedEvents(run, "cvm:ErrorEvent:DiskReadonly", readonly, "1");
    const lineage = await lineageOf(run, event?.event.id ?? "", (l) => l.deliveries.length >= 2 && l.deliveries.every((d) => d.status === "delivered"), `both deliveries of the read-only alarm of ${readonly} delivered`);
    expect(lineage.matches).toEqual([expect.objectContaining({ rule: "b-disk-readonly", status: "delivered" })]);
    expect(lineage.deliveries.map((d) => `${d.rule}/${d.target}/${d.type}`).sort()).toEqual(["b-disk-readonly/chat/notify", "b-disk-readonly/repair/workflow"]);
    // The workflow delivery names the execution it started; the chat delivery started none.
    const byType = Object.fromEntries(lineage.deliveries.map((d) => [d.type, d.executions]));
    expect(byType["workflow"]).toEqual([expect.objectContaining({ workflow: WORKFLOW, id: expect.any(String) })]);
    expect(byType["notify"]).toEqual([]);
  });

  it("tells the chat once about an instance restart; the resolved event matches nothing", async () => {
    run.sim.fleet.injectFault(restarted, "instance_restarted");
    const said = await run.waitForChat(new RegExp(`^${restarted} restarted`, "m"));
    expect(said.split("\n")).toContain(`${restarted} restarted (cvm:ErrorEvent:InstanceRestarted in ap-guangzhou)`);

    // The fault clears by itself once RUNNING; its "0" event reaches Reflex and starts nothing.
    await run.waitForSim(() => (faultCleared(restarted, "instance_restarted") ? true : undefined), `the restart of ${restarted} over`);
    await storedEvents(run, "cvm:ErrorEvent:InstanceRestarted", restarted, "0");
    const [alarm] = await storedEvents(run, "cvm:ErrorEvent:InstanceRestarted", restarted, "1");
    const backtest = await run.reflex.api("/api/v1/rules/b-instance-restarted/backtest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: "1h" }) });
    expect(backtest.status).toBe(200);
    const { items } = (await backtest.json()) as { items: { event: { id: string; subject?: string } }[] };
    expect(items.filter((i) => i.event.subject === restarted).map((i) => i.event.id)).toEqual([alarm?.event.id]);
    const lineage = await lineageOf(run, alarm?.event.id ?? "", (l) => l.deliveries.some((d) => d.status === "delivered"), `the restart message about ${restarted} delivered`);
    expect(lineage.deliveries).toEqual([expect.objectContaining({ rule: "b-instance-restarted", target: "chat", type: "notify", status: "delivered" })]);

    expect(run.chat().filter((text) => text.includes(restarted))).toEqual([said]);
    expect(run.sim.fleet.describeSnapshots({ diskIds: [run.systemDisk(restarted).id] })).toEqual([]);
  });
});
