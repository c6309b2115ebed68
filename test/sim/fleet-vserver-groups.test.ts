// SLB vserver groups and the preemptible interruption that depends on them: the notice, the
// release after releaseNoticeMs, healed when the instance had left its groups, failed when it
// was still serving.
import { describe, expect, it } from "vitest";
import type { SimFault } from "../../src/sim/types.js";
import { expectSimError, fastFleet, runningInstance, until } from "./fleet-support.js";

describe("fleet: SLB vserver groups", () => {
  it("creates groups, adds, re-weights and removes backends", () => {
    const fleet = fastFleet();
    const a = runningInstance(fleet, "aliyun");
    const b = runningInstance(fleet, "aliyun");
    const group = fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: a.id, port: 80, weight: 100 }] });
    expect(group.id).toMatch(/^rsp-[a-z0-9]{13}$/);
    expect(group).toMatchObject({ loadBalancerId: "lb-1", name: "web", region: "cn-hangzhou" });
    fleet.addBackendServers(group.id, [{ serverId: b.id, port: 80, weight: 50 }, { serverId: a.id, port: 80, weight: 10 }]);
    expect(fleet.describeVServerGroups({ ids: [group.id] })[0]?.backends).toEqual([{ serverId: a.id, port: 80, weight: 10 }, { serverId: b.id, port: 80, weight: 50 }]);
    const after = fleet.removeBackendServers(group.id, [{ serverId: a.id, port: 80 }, { serverId: a.id, port: 8080 }]);
    expect(after.backends.map((x) => x.serverId)).toEqual([b.id]);
    // Removing again is a no-op, so a retried remediation does not fail.
    expect(fleet.removeBackendServers(group.id, [{ serverId: a.id, port: 80 }]).backends).toHaveLength(1);
    expect(fleet.describeVServerGroups({ loadBalancerId: "lb-other" })).toEqual([]);
  });

  it("refuses unknown groups and servers and bad ports or weights", () => {
    const fleet = fastFleet();
    const a = runningInstance(fleet, "aliyun");
    expectSimError(() => fleet.addBackendServers("rsp-nothere", []), "NotFound", /rsp-nothere/);
    expectSimError(() => fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: "i-nothere", port: 80, weight: 1 }] }), "NotFound", /i-nothere/);
    expectSimError(() => fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: a.id, port: 0, weight: 1 }] }), "InvalidParameter", /port/);
    expectSimError(() => fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: a.id, port: 80, weight: 101 }] }), "InvalidParameter", /weight/);
    expectSimError(() => fleet.createVServerGroup({ loadBalancerId: "", name: "web" }), "InvalidParameter", /loadBalancerId/);
    expect(fleet.describeVServerGroups()).toEqual([]);
  });

  it("release takes an instance out of its groups", () => {
    const fleet = fastFleet();
    const a = runningInstance(fleet, "aliyun");
    const group = fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: a.id, port: 80, weight: 100 }] });
    fleet.releaseInstances([a.id]);
    expect(fleet.describeVServerGroups({ ids: [group.id] })[0]?.backends).toEqual([]);
  });
});

describe("fleet: preemptible interruption", () => {
  function untilEnded(fleet: ReturnType<typeof fastFleet>, fault: SimFault): Promise<SimFault> {
    return until(() => {
      const now = fleet.faults({ instanceId: fault.instanceId }).find((f) => f.id === fault.id);
      return now?.clearedAt !== undefined || now?.failedAt !== undefined ? now : undefined;
    }, "the interruption to end");
  }

  it("only applies to preemptible Alibaba instances", () => {
    const fleet = fastFleet();
    const onDemand = runningInstance(fleet, "aliyun");
    expectSimError(() => fleet.injectFault(onDemand.id, "preemptible_interruption"), "IncorrectState", /is not preemptible/);
  });

  it("sends the notice, then releases; it fails when the instance was still serving in a group", async () => {
    const fleet = fastFleet();
    const spot = runningInstance(fleet, "aliyun", { preemptible: true });
    const group = fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: spot.id, port: 80, weight: 100 }] });
    const fault = fleet.injectFault(spot.id, "preemptible_interruption");
    const notice = fleet.emittedEvents().find((e) => e.body.name === "Instance:PreemptibleInstanceInterruption");
    expect(notice?.body).toMatchObject({ level: "WARN", content: { instanceId: spot.id, action: "delete" } });
    expect(fleet.instance(spot.id).state).toBe("RUNNING");
    const ended = await untilEnded(fleet, fault);
    expect(ended.failure).toBe(`released while still serving in ${group.id}`);
    expect(ended.clearedAt).toBeUndefined();
    expect(fleet.instance(spot.id).state).toBe("RELEASED");
    expect(fleet.describeVServerGroups()[0]?.backends).toEqual([]);
    expect(fleet.emittedEvents().at(-1)?.body).toMatchObject({ name: "Instance:StateChange", content: { state: "Deleted" } });
  });

  it("is healed when the instance left its groups before the release", async () => {
    const fleet = fastFleet();
    const spot = runningInstance(fleet, "aliyun", { preemptible: true });
    const group = fleet.createVServerGroup({ loadBalancerId: "lb-1", name: "web", backends: [{ serverId: spot.id, port: 80, weight: 100 }] });
    const fault = fleet.injectFault(spot.id, "preemptible_interruption");
    fleet.removeBackendServers(group.id, [{ serverId: spot.id, port: 80 }]);
    const ended = await untilEnded(fleet, fault);
    expect(ended.clearedBy).toBe("released after it had left every SLB vserver group");
    expect(fleet.instance(spot.id).state).toBe("RELEASED");
  });

  it("a release by hand during the notice ends it at once, by the same rule", () => {
    const fleet = fastFleet();
    const spot = runningInstance(fleet, "aliyun", { preemptible: true });
    const fault = fleet.injectFault(spot.id, "preemptible_interruption");
    fleet.releaseInstances([spot.id]);
    expect(fleet.faults({ instanceId: spot.id })[0]).toMatchObject({ id: fault.id, clearedBy: "released after it had left every SLB vserver group" });
    expect(fleet.emittedEvents().filter((e) => (e.body.content as { state?: string }).state === "Deleted")).toHaveLength(1);
  });
});
