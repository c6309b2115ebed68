// The instance state machine: creation, stop/start/reboot/release on timers, the refusals the
// clouds would give, Alibaba's StateChange event on every transition, and close() stopping
// every timer.
import { describe, expect, it } from "vitest";
import { createFleet } from "../../src/sim/fleet.js";
import { expectSimError, fastFleet, runningInstance, until, untilState } from "./fleet-support.js";

describe("fleet: instance lifecycle", () => {
  it("creates Tencent and Alibaba instances in each cloud's id shape, PENDING then RUNNING", async () => {
    const fleet = fastFleet();
    const [tencent, aliyun] = fleet.createInstances([
      { cloud: "tencent", name: "web-1", tags: { env: "prod" }, dataDisks: 1 },
      { cloud: "aliyun", preemptible: true },
    ]);
    expect(tencent?.id).toMatch(/^ins-[a-z0-9]{8}$/);
    expect(aliyun?.id).toMatch(/^i-[a-z0-9]{20}$/);
    expect(tencent).toMatchObject({ state: "PENDING", name: "web-1", region: "ap-guangzhou", tags: { env: "prod" }, reachable: false, activeFaults: [] });
    expect(aliyun).toMatchObject({ state: "PENDING", region: "cn-hangzhou", preemptible: true });
    expect(tencent?.privateIp).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(tencent?.privateIp).not.toBe(aliyun?.privateIp);
    expect(Date.parse(tencent?.createdAt ?? "")).not.toBeNaN();
    const disks = fleet.describeDisks({ instanceIds: [tencent?.id ?? ""] });
    expect(disks.map((d) => d.kind)).toEqual(["SYSTEM_DISK", "DATA_DISK"]);
    expect(disks[0]?.id).toMatch(/^disk-[a-z0-9]{8}$/);

    const running = await untilState(fleet, tencent?.id ?? "", "RUNNING");
    expect(running).toMatchObject({ reachable: true, process: { name: "app", running: true, restarts: 0 } });
    await untilState(fleet, aliyun?.id ?? "", "RUNNING");
  });

  it("allocates private IPs uniquely and refuses taken ids and IPs", () => {
    const fleet = fastFleet();
    const made = fleet.createInstances(Array.from({ length: 300 }, () => ({ cloud: "tencent" as const, state: "RUNNING" as const })));
    expect(new Set(made.map((i) => i.privateIp)).size).toBe(300);
    const [fixed] = fleet.createInstances([{ cloud: "tencent", id: "ins-fixed001", privateIp: "10.9.9.9", state: "STOPPED" }]);
    expect(fixed).toMatchObject({ id: "ins-fixed001", privateIp: "10.9.9.9", state: "STOPPED", reachable: false });
    expectSimError(() => fleet.createInstances([{ cloud: "tencent", id: "ins-fixed001" }]), "InvalidParameter", /ins-fixed001 already exists/);
    expectSimError(() => fleet.createInstances([{ cloud: "aliyun", privateIp: "10.9.9.9" }]), "InvalidParameter", /10\.9\.9\.9 is already in use/);
    const before = fleet.describeInstances().length;
    expectSimError(() => fleet.createInstances([{ cloud: "tencent" }, { cloud: "gcp" as "tencent" }]), "InvalidParameter", /instances\[1\]\.cloud/);
    expect(fleet.describeInstances()).toHaveLength(before);
  });

  it("stops, starts and reboots through the transitional states", async () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    fleet.stopInstances([id]);
    expect(fleet.instance(id)).toMatchObject({ state: "STOPPING", reachable: false, process: { running: false } });
    await untilState(fleet, id, "STOPPED");
    fleet.startInstances([id]);
    expect(fleet.instance(id).state).toBe("STARTING");
    await untilState(fleet, id, "RUNNING");
    fleet.rebootInstances([id]);
    expect(fleet.instance(id).state).toBe("REBOOTING");
    const back = await untilState(fleet, id, "RUNNING");
    expect(back).toMatchObject({ reachable: true, process: { running: true } });
  });

  it("refuses operations in the wrong state, naming the instance and its state, and changes nothing", async () => {
    const fleet = fastFleet();
    const a = runningInstance(fleet);
    const b = runningInstance(fleet, "tencent", { state: "STOPPED" });
    expectSimError(() => fleet.startInstances([a.id]), "IncorrectState", new RegExp(`StartInstances needs instance ${a.id} to be STOPPED, but it is RUNNING`));
    expectSimError(() => fleet.stopInstances([b.id]), "IncorrectState", new RegExp(`${b.id} to be RUNNING, but it is STOPPED`));
    expectSimError(() => fleet.rebootInstances([b.id]), "IncorrectState", /RebootInstances needs/);
    // One bad id refuses the whole call: a is not stopped.
    expectSimError(() => fleet.stopInstances([a.id, b.id]), "IncorrectState");
    expect(fleet.instance(a.id).state).toBe("RUNNING");
    fleet.stopInstances([a.id]);
    expectSimError(() => fleet.stopInstances([a.id]), "IncorrectState", /it is STOPPING/);
    expectSimError(() => fleet.startInstances([a.id]), "IncorrectState", /it is STOPPING/);
    expectSimError(() => fleet.startInstances([]), "InvalidParameter", /at least one instance id/);
    await untilState(fleet, a.id, "STOPPED");
  });

  it("answers NotFound for unknown and released instances, but still describes released ones on request", () => {
    const fleet = fastFleet();
    const { id } = runningInstance(fleet);
    expectSimError(() => fleet.instance("ins-nothere"), "NotFound", /ins-nothere does not exist/);
    expectSimError(() => fleet.rebootInstances(["ins-nothere"]), "NotFound");
    fleet.releaseInstances([id]);
    const released = fleet.instance(id);
    expect(released.state).toBe("RELEASED");
    expect(released.releasedAt).toBeDefined();
    expect(fleet.describeInstances().map((i) => i.id)).not.toContain(id);
    expect(fleet.describeInstances({ released: true }).map((i) => i.id)).toContain(id);
    expect(fleet.describeInstances({ states: ["RELEASED"] }).map((i) => i.id)).toEqual([id]);
    expectSimError(() => fleet.startInstances([id]), "NotFound", new RegExp(`${id} was released`));
    expectSimError(() => fleet.releaseInstances([id]), "NotFound");
    expectSimError(() => fleet.runCommand([id], "uptime"), "NotFound");
    expectSimError(() => fleet.injectFault(id, "oom"), "NotFound");
  });

  it("filters describeInstances by ids, cloud, region and states", () => {
    const fleet = fastFleet();
    const t = runningInstance(fleet, "tencent", { region: "ap-shanghai" });
    const a = runningInstance(fleet, "aliyun", { state: "STOPPED" });
    expect(fleet.describeInstances({ cloud: "aliyun" }).map((i) => i.id)).toEqual([a.id]);
    expect(fleet.describeInstances({ region: "ap-shanghai" }).map((i) => i.id)).toEqual([t.id]);
    expect(fleet.describeInstances({ states: ["STOPPED"] }).map((i) => i.id)).toEqual([a.id]);
    expect(fleet.describeInstances({ ids: [t.id, a.id] }).map((i) => i.id)).toEqual([t.id, a.id]);
    expect(fleet.describeInstances({ ids: [] })).toHaveLength(2);
  });

  it("emits Instance:StateChange for every transition of an Alibaba instance", async () => {
    const fleet = fastFleet();
    const [created] = fleet.createInstances([{ cloud: "aliyun" }]);
    const id = created?.id ?? "";
    await untilState(fleet, id, "RUNNING");
    fleet.stopInstances([id]);
    await untilState(fleet, id, "STOPPED");
    fleet.startInstances([id]);
    await untilState(fleet, id, "RUNNING");
    fleet.rebootInstances([id]);
    await untilState(fleet, id, "RUNNING");
    fleet.releaseInstances([id]);
    const states = fleet.emittedEvents().map((e) => (e.body.content as { state: string }).state);
    expect(states).toEqual(["Pending", "Running", "Stopping", "Stopped", "Starting", "Running", "Stopping", "Starting", "Running", "Deleted"]);
    expect(fleet.emittedEvents().every((e) => e.format === "aliyun" && e.instanceId === id)).toBe(true);
  });

  it("runs every timing divided by the speed, and the clock given", async () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const fleet = fastFleet({ speed: 1, timings: { bootMs: 5 }, now: () => now });
    const [created] = fleet.createInstances([{ cloud: "aliyun" }]);
    expect(created?.createdAt).toBe("2026-01-01T12:00:00.000Z");
    now += 60_000;
    const running = await untilState(fleet, created?.id ?? "", "RUNNING");
    expect(running.stateSince).toBe("2026-01-01T12:01:00.000Z");
    expect(fleet.emittedEvents()[1]?.body.eventTime).toBe("20260101T200100.000+0800");
    expect(() => createFleet({ speed: 0 })).toThrow(/speed must be a positive number/);
    expect(() => createFleet({ timings: { stopMs: -1 } })).toThrow(/timings\.stopMs/);
  });

  it("close() stops every pending transition", async () => {
    const closed = createFleet({ speed: 1000 });
    const [pending] = closed.createInstances([{ cloud: "tencent" }]);
    closed.close();
    // A canary fleet with the same timings shows the time has passed.
    const canary = fastFleet();
    const [other] = canary.createInstances([{ cloud: "tencent" }]);
    await untilState(canary, other?.id ?? "", "RUNNING");
    canary.rebootInstances([other?.id ?? ""]);
    await until(() => canary.instance(other?.id ?? "").state === "RUNNING", "the canary's reboot (boot + reboot = 50 ms, more than a boot)");
    expect(closed.instance(pending?.id ?? "").state).toBe("PENDING");
  });

  it("tells state listeners of every transition until they unsubscribe, and forgets them on close", async () => {
    const fleet = fastFleet();
    const [web] = fleet.createInstances([{ cloud: "tencent", state: "RUNNING" }]);
    const id = web?.id ?? "";
    const seen: string[] = [];
    const unsubscribe = fleet.onInstanceState((instance) => seen.push(`${instance.id === id ? "web" : "other"}:${instance.state}`));
    fleet.stopInstances([id]);
    await untilState(fleet, id, "STOPPED");
    fleet.startInstances([id]);
    await untilState(fleet, id, "RUNNING");
    expect(seen).toEqual(["web:STOPPING", "web:STOPPED", "web:STARTING", "web:RUNNING"]);
    unsubscribe();
    fleet.rebootInstances([id]);
    await untilState(fleet, id, "RUNNING");
    expect(seen).toHaveLength(4);
    const late: string[] = [];
    fleet.onInstanceState((instance) => late.push(instance.state));
    fleet.close();
    fleet.createInstances([{ cloud: "tencent", state: "STOPPED" }]);
    expect(late).toEqual([]);
  });
});
