// Reflex's `aliyun` pack against the simulator, through Alibaba's official RPC client
// (`@alicloud/pop-core`, signed POST forms): ECS instances described and driven through their
// states (with an Instance:StateChange event per transition), SLB vServer groups read and
// changed, the vendor's errors and statuses for wrong keys, unknown ids and wrong states, and
// the preemptible-instance remediation: out of the SLB group before the release.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import { SimControlClient } from "../../src/sim/control-client.js";
import type { SimInstance, SimVServerGroup } from "../../src/sim/types.js";
import { waitFor } from "../support/reflex.js";
import { aliyunSecrets, packRunner, startTestSimulator } from "./server-support.js";
import type { PackRunner } from "./server-support.js";

let sim: RunningSimulator;
let pack: PackRunner;
let control: SimControlClient;
let api1: SimInstance;
let spot: SimInstance;
let beijing: SimInstance;
let group: SimVServerGroup;
const HZ = "cn-hangzhou";
const LB = "lb-bp1o94dp5i6earr9g6d1l";

beforeAll(async () => {
  sim = await startTestSimulator({ timings: { releaseNoticeMs: 60_000 } });
  pack = packRunner(sim);
  control = new SimControlClient({ url: sim.url });
  [api1, spot, beijing] = (await control.createInstances([
    { cloud: "aliyun", name: "api-1", tags: { app: "shop" }, state: "RUNNING" },
    { cloud: "aliyun", name: "api-2-spot", preemptible: true, state: "RUNNING" },
    { cloud: "aliyun", name: "api-bj", region: "cn-beijing", state: "RUNNING" },
    { cloud: "tencent", name: "cvm-1", state: "RUNNING" },
  ])) as [SimInstance, SimInstance, SimInstance];
  group = await control.createVServerGroup({ loadBalancerId: LB, name: "shop-80", region: HZ, backends: [{ serverId: api1.id, port: 80, weight: 100 }, { serverId: spot.id, port: 80, weight: 50 }] });
});

afterAll(async () => {
  await sim.close();
});

async function statusOf(id: string): Promise<string> {
  const answer = await pack.run("aliyun.ecs.describe_instances", { region: HZ, instanceIds: [id] });
  return ((answer["Instances"] as { Instance: { Status: string }[] }).Instance[0]?.Status) ?? "absent";
}

describe("ECS through the aliyun pack", () => {
  it("describes instances as Instances.Instance: status, VPC private IP, zone, spot strategy, tags, paging", async () => {
    const answer = await pack.run("aliyun.ecs.describe_instances", { region: HZ, instanceIds: [api1.id, spot.id] });
    expect(answer).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 10, RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/) });
    const [first, second] = (answer["Instances"] as { Instance: Record<string, unknown>[] }).Instance;
    expect(first).toMatchObject({
      InstanceId: api1.id,
      InstanceName: "api-1",
      Status: "Running",
      RegionId: HZ,
      ZoneId: api1.zone,
      VpcAttributes: { PrivateIpAddress: { IpAddress: [api1.privateIp] } },
      SpotStrategy: "NoSpot",
      Tags: { Tag: [{ TagKey: "app", TagValue: "shop" }] },
    });
    expect(second).toMatchObject({ InstanceId: spot.id, SpotStrategy: "SpotAsPriceGo", OperationLocks: { LockReason: [] } });
    const all = await pack.run("aliyun.ecs.describe_instances", { region: HZ, pageSize: 1, pageNumber: 2 });
    expect(all).toMatchObject({ TotalCount: 2, PageNumber: 2, PageSize: 1, Instances: { Instance: [{ InstanceId: spot.id }] } });
    const named = await pack.run("aliyun.ecs.describe_instances", { region: HZ, instanceName: "api-*-spot" });
    expect(named["TotalCount"]).toBe(1);
  });

  it("stops, starts and reboots, emitting Instance:StateChange on each transition; refuses a wrong state with 403 IncorrectInstanceStatus", async () => {
    const { next } = await control.events(0);
    await pack.run("aliyun.ecs.stop_instance", { region: HZ, instanceId: api1.id, forceStop: true });
    expect(await statusOf(api1.id)).toBe("Stopping");
    await waitFor(async () => ((await statusOf(api1.id)) === "Stopped" ? true : undefined), "api-1 stopped");
    const again = await pack.failure("aliyun.ecs.stop_instance", { region: HZ, instanceId: api1.id });
    expect(again.message).toContain("IncorrectInstanceStatus: The current status of the resource does not support this operation.");
    expect(again.result).toMatchObject({ Code: "IncorrectInstanceStatus" });
    await pack.run("aliyun.ecs.start_instance", { region: HZ, instanceId: api1.id });
    await waitFor(async () => ((await statusOf(api1.id)) === "Running" ? true : undefined), "api-1 running");
    await pack.run("aliyun.ecs.reboot_instance", { region: HZ, instanceId: api1.id });
    await waitFor(async () => ((await statusOf(api1.id)) === "Running" && sim.fleet.instance(api1.id).state === "RUNNING" ? true : undefined), "api-1 rebooted");

    const states = (await control.events(next)).events.filter((e) => e.instanceId === api1.id).map((e) => (e.body["content"] as { state: string }).state);
    expect(states).toEqual(["Stopping", "Stopped", "Starting", "Running", "Stopping", "Starting", "Running"]);
  });

  it("answers 404 InvalidInstanceId.NotFound for an unknown id and for another region's instance", async () => {
    const unknown = await pack.failure("aliyun.ecs.start_instance", { region: HZ, instanceId: "i-nothere" });
    expect(unknown.message).toContain("InvalidInstanceId.NotFound: The specified InstanceId does not exist.");
    expect(unknown.retryable).toBe(false);
    const elsewhere = await pack.failure("aliyun.ecs.reboot_instance", { region: HZ, instanceId: beijing.id });
    expect(elsewhere.result).toMatchObject({ Code: "InvalidInstanceId.NotFound" });
    expect(await statusOf(beijing.id)).toBe("absent");
  });
});

describe("keys the simulator does not accept", () => {
  it("refuses an unknown AccessKey ID with InvalidAccessKeyId.NotFound and a wrong secret with SignatureDoesNotMatch", async () => {
    const unknown = await pack.failure("aliyun.ecs.describe_instances", { region: HZ }, { ...aliyunSecrets(sim), "aliyun.access_key_id": "LTAI5tnotknown" });
    expect(unknown.result).toMatchObject({ Code: "InvalidAccessKeyId.NotFound" });
    expect(unknown.retryable).toBe(false);
    const wrong = await pack.failure("aliyun.slb.describe_vserver_group_attribute", { region: HZ, vServerGroupId: group.id }, { ...aliyunSecrets(sim), "aliyun.access_key_secret": "not-the-secret" });
    expect(wrong.result).toMatchObject({ Code: "SignatureDoesNotMatch" });
  });

  it("answers with the vendor's HTTP statuses", async () => {
    const post = async (params: Record<string, string>): Promise<Response> => fetch(`${sim.url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params).toString() });
    const unknownKey = await post({ Action: "DescribeInstances", Version: "2014-05-26", RegionId: HZ, AccessKeyId: "LTAIx", Signature: "x", Timestamp: new Date().toISOString(), SignatureNonce: "n1", SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0", Format: "JSON" });
    expect(unknownKey.status).toBe(404);
    expect(await unknownKey.json()).toMatchObject({ Code: "InvalidAccessKeyId.NotFound", RequestId: expect.any(String), HostId: expect.any(String), Recommend: expect.stringContaining("InvalidAccessKeyId.NotFound") });
    const badSignature = await post({ Action: "DescribeInstances", Version: "2014-05-26", RegionId: HZ, AccessKeyId: sim.credentials.aliyun.accessKeyId, Signature: "x", Timestamp: new Date().toISOString(), SignatureNonce: "n2", SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0", Format: "JSON" });
    expect(badSignature.status).toBe(400);
    expect(await badSignature.json()).toMatchObject({ Code: "SignatureDoesNotMatch" });
  });
});

describe("SLB vServer groups and the preemptible interruption", () => {
  it("lists a load balancer's groups and reads a group's backend servers", async () => {
    expect(await pack.run("aliyun.slb.describe_vserver_groups", { region: HZ, loadBalancerId: LB })).toMatchObject({ VServerGroups: { VServerGroup: [{ VServerGroupId: group.id, VServerGroupName: "shop-80" }] } });
    expect(await pack.run("aliyun.slb.describe_vserver_group_attribute", { region: HZ, vServerGroupId: group.id })).toMatchObject({
      VServerGroupId: group.id,
      LoadBalancerId: LB,
      BackendServers: { BackendServer: [{ ServerId: api1.id, Port: 80, Weight: 100, Type: "ecs" }, { ServerId: spot.id, Port: 80, Weight: 50, Type: "ecs" }] },
    });
    const missing = await pack.failure("aliyun.slb.describe_vserver_group_attribute", { region: HZ, vServerGroupId: "rsp-nothere" });
    expect(missing.result).toMatchObject({ Code: "InvalidParameter", Message: expect.stringContaining("The specified VServerGroupId does not exist") });
    const noLb = await pack.failure("aliyun.slb.describe_vserver_groups", { region: HZ, loadBalancerId: "lb-nothere" });
    expect(noLb.result).toMatchObject({ Code: "InvalidLoadBalancerId.NotFound" });
  });

  it("heals the interruption when the spot instance leaves its group before it is released", async () => {
    const { next } = await control.events(0);
    await control.injectFault(spot.id, "preemptible_interruption");
    const locked = await pack.run("aliyun.ecs.describe_instances", { region: HZ, instanceIds: [spot.id] });
    expect(locked).toMatchObject({ Instances: { Instance: [{ OperationLocks: { LockReason: [{ LockReason: "Recycling" }] } }] } });

    const removed = await pack.run("aliyun.slb.remove_vserver_group_backend_servers", { region: HZ, vServerGroupId: group.id, backendServers: [{ serverId: spot.id, port: 80 }] });
    expect(removed).toMatchObject({ VServerGroupId: group.id, BackendServers: { BackendServer: [{ ServerId: api1.id }] } });
    const fault = await waitFor(async () => (await control.faults({ instanceId: spot.id })).find((f) => f.clearedAt !== undefined || f.failedAt !== undefined), "the release");
    expect(fault).toMatchObject({ kind: "preemptible_interruption", clearedBy: expect.stringContaining("left every SLB") });
    expect(fault.failedAt).toBeUndefined();
    expect(await statusOf(spot.id)).toBe("absent");
    const events = (await control.events(next)).events.filter((e) => e.instanceId === spot.id).map((e) => e.body["name"]);
    expect(events[0]).toBe("Instance:PreemptibleInstanceInterruption");
    expect(events.at(-1)).toBe("Instance:StateChange");

    const added = await pack.run("aliyun.slb.add_vserver_group_backend_servers", { region: HZ, vServerGroupId: group.id, backendServers: [{ serverId: api1.id, port: 8080, weight: 20 }] });
    expect(added).toMatchObject({ BackendServers: { BackendServer: [{ ServerId: api1.id, Port: 8080, Weight: 20 }] } });
    const gone = await pack.failure("aliyun.slb.add_vserver_group_backend_servers", { region: HZ, vServerGroupId: group.id, backendServers: [{ serverId: spot.id, port: 80 }] });
    expect(gone.result).toMatchObject({ Code: "InvalidParameter", Message: expect.stringContaining(spot.id) });
  });
});
