// Reflex's `tencent` pack against the simulator: the real SDK clients (CVM's own, CommonClient
// for CBS and TAT), signing for the product's host while dialing the simulator, and the
// simulator answering as Tencent Cloud does — instance sets, asynchronous state changes with
// the latest operation, commands with their output, per-region isolation, and the vendor's
// error codes for wrong keys, unknown ids and instances in the wrong state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import type { SimInstance } from "../../src/sim/types.js";
import { waitFor } from "../support/reflex.js";
import { packRunner, startTestSimulator, tencentSecrets } from "./server-support.js";
import type { PackRunner } from "./server-support.js";

let sim: RunningSimulator;
let pack: PackRunner;
let web1: SimInstance;
let web2: SimInstance;
let spot: SimInstance;
let shanghai: SimInstance;

beforeAll(async () => {
  sim = await startTestSimulator();
  pack = packRunner(sim);
  [web1, web2, spot, shanghai] = sim.fleet.createInstances([
    { cloud: "tencent", name: "web-1", tags: { env: "prod", app: "shop" }, dataDisks: 1, state: "RUNNING" },
    { cloud: "tencent", name: "web-2", tags: { env: "staging" }, state: "RUNNING" },
    { cloud: "tencent", name: "batch-spot", preemptible: true, state: "RUNNING" },
    { cloud: "tencent", name: "web-sh", region: "ap-shanghai", state: "RUNNING" },
    { cloud: "aliyun", name: "ecs-1", state: "RUNNING" },
  ]) as [SimInstance, SimInstance, SimInstance, SimInstance];
});

afterAll(async () => {
  await sim.close();
});

const GZ = "ap-guangzhou";

async function stateOf(id: string): Promise<Record<string, unknown>> {
  const answer = await pack.run("tencent.cvm.describe_instances", { region: GZ, instanceIds: [id] });
  return (answer["InstanceSet"] as Record<string, unknown>[])[0] ?? {};
}

describe("CVM through the tencent pack", () => {
  it("describes instances as InstanceSet: state, private IP, zone, tags, charge type, disks", async () => {
    const answer = await pack.run("tencent.cvm.describe_instances", { region: GZ, instanceIds: [web1.id, spot.id] });
    expect(answer).toMatchObject({ TotalCount: 2, RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const [first, second] = answer["InstanceSet"] as Record<string, unknown>[];
    expect(first).toMatchObject({
      InstanceId: web1.id,
      InstanceName: "web-1",
      InstanceState: "RUNNING",
      PrivateIpAddresses: [web1.privateIp],
      Placement: { Zone: web1.zone },
      Tags: [{ Key: "env", Value: "prod" }, { Key: "app", Value: "shop" }],
      InstanceChargeType: "POSTPAID_BY_HOUR",
      SystemDisk: { DiskId: web1.diskIds[0] },
      DataDisks: [{ DiskId: web1.diskIds[1] }],
      LatestOperationState: "SUCCESS",
    });
    expect(second).toMatchObject({ InstanceId: spot.id, InstanceChargeType: "SPOTPAID" });
  });

  it("lists only this region's Tencent instances, by filters and pages", async () => {
    const all = await pack.run("tencent.cvm.describe_instances", { region: GZ });
    expect((all["InstanceSet"] as { InstanceId: string }[]).map((i) => i.InstanceId)).toEqual([web1.id, web2.id, spot.id]);
    const sh = await pack.run("tencent.cvm.describe_instances", { region: "ap-shanghai" });
    expect(sh).toMatchObject({ TotalCount: 1, InstanceSet: [{ InstanceId: shanghai.id }] });
    const tagged = await pack.run("tencent.cvm.describe_instances", { region: GZ, filters: [{ name: "tag:env", values: ["prod", "staging"] }] });
    expect(tagged["TotalCount"]).toBe(2);
    const paged = await pack.run("tencent.cvm.describe_instances", { region: GZ, offset: 1, limit: 1 });
    expect(paged).toMatchObject({ TotalCount: 3, InstanceSet: [{ InstanceId: web2.id }] });
    const unknownFilter = await pack.failure("tencent.cvm.describe_instances", { region: GZ, filters: [{ name: "colour", values: ["red"] }] });
    expect(unknownFilter.message).toContain("InvalidFilter: The filter `colour` is not supported");
  });

  it("reboots asynchronously: REBOOTING with the operation OPERATING, then RUNNING and SUCCESS", async () => {
    const answer = await pack.run("tencent.cvm.reboot_instances", { region: GZ, instanceIds: [web2.id] });
    expect(Object.keys(answer)).toEqual(["RequestId"]);
    expect(await stateOf(web2.id)).toMatchObject({ InstanceState: "REBOOTING", LatestOperation: "RebootInstances", LatestOperationState: "OPERATING", LatestOperationRequestId: answer["RequestId"] });
    await waitFor(async () => ((await stateOf(web2.id))["InstanceState"] === "RUNNING" ? true : undefined), "web-2 running again");
    expect(await stateOf(web2.id)).toMatchObject({ LatestOperation: "RebootInstances", LatestOperationState: "SUCCESS" });
  });

  it("stops and starts; refuses what the state forbids with the vendor's codes, retryable only in transition", async () => {
    await pack.run("tencent.cvm.stop_instances", { region: GZ, instanceIds: [web2.id], stopType: "SOFT" });
    const inTransition = await pack.failure("tencent.cvm.start_instances", { region: GZ, instanceIds: [web2.id] });
    expect(inTransition.message).toContain("UnsupportedOperation.InstanceStateStopping");
    expect(inTransition.retryable).toBe(true);
    await waitFor(async () => ((await stateOf(web2.id))["InstanceState"] === "STOPPED" ? true : undefined), "web-2 stopped");
    const stopped = await pack.failure("tencent.cvm.reboot_instances", { region: GZ, instanceIds: [web2.id] });
    expect(stopped.message).toMatch(/RebootInstances in ap-guangzhou failed: UnsupportedOperation\.InstanceStateStopped: /);
    expect(stopped.retryable).toBe(false);
    await pack.run("tencent.cvm.start_instances", { region: GZ, instanceIds: [web2.id] });
    expect(await stateOf(web2.id)).toMatchObject({ InstanceState: "STARTING", LatestOperation: "StartInstances" });
    await waitFor(async () => ((await stateOf(web2.id))["InstanceState"] === "RUNNING" ? true : undefined), "web-2 started");
  });

  it("answers InvalidInstanceId.NotFound for an unknown id, and for an instance of another region", async () => {
    const unknown = await pack.failure("tencent.cvm.start_instances", { region: GZ, instanceIds: ["ins-nothere"] });
    expect(unknown.message).toContain("InvalidInstanceId.NotFound: The instance `ins-nothere` is not found in region ap-guangzhou.");
    expect(unknown.retryable).toBe(false);
    const elsewhere = await pack.failure("tencent.cvm.reboot_instances", { region: GZ, instanceIds: [shanghai.id] });
    expect(elsewhere.message).toContain("InvalidInstanceId.NotFound");
    expect(sim.fleet.instance(shanghai.id).state).toBe("RUNNING");
  });
});

describe("keys the simulator does not accept", () => {
  it("refuses an unknown SecretId with AuthFailure.SecretIdNotFound", async () => {
    const err = await pack.failure("tencent.cvm.describe_instances", { region: GZ }, { ...tencentSecrets(sim), "tencent.secret_id": "AKIDnotknownatall" });
    expect(err.message).toContain("AuthFailure.SecretIdNotFound");
    expect(err.retryable).toBe(false);
  });

  it("refuses a wrong SecretKey with AuthFailure.SignatureFailure, for every product", async () => {
    const wrong = { ...tencentSecrets(sim), "tencent.secret_key": "not-the-secret-key" };
    const cvm = await pack.failure("tencent.cvm.describe_instances", { region: GZ }, wrong);
    expect(cvm.message).toContain("AuthFailure.SignatureFailure");
    const cbs = await pack.failure("tencent.cbs.describe_disks", { region: GZ }, wrong);
    expect(cbs.message).toContain("AuthFailure.SignatureFailure");
    const tat = await pack.failure("tencent.tat.run_command", { region: GZ, instanceIds: [web1.id], command: "uptime" }, wrong);
    expect(tat.message).toContain("AuthFailure.SignatureFailure");
    expect(sim.fleet.describeInvocationTasks({ instanceIds: [web1.id] })).toEqual([]);
  });
});

describe("CBS and TAT through the tencent pack", () => {
  it("describes the disks of an instance: system and data disk, attached", async () => {
    const answer = await pack.run("tencent.cbs.describe_disks", { region: GZ, filters: [{ name: "instance-id", values: [web1.id] }] });
    expect(answer).toMatchObject({
      TotalCount: 2,
      DiskSet: [
        { DiskId: web1.diskIds[0], DiskUsage: "SYSTEM_DISK", InstanceId: web1.id, DiskState: "ATTACHED", DiskSize: expect.any(Number) },
        { DiskId: web1.diskIds[1], DiskUsage: "DATA_DISK", InstanceId: web1.id, DiskState: "ATTACHED" },
      ],
    });
    const missing = await pack.failure("tencent.cbs.create_snapshot", { region: GZ, diskId: "disk-nothere" });
    expect(missing.message).toContain("InvalidDiskId.NotFound");
  });

  it("runs a command with TAT and reads its output; a failing command keeps its exit code", async () => {
    const ok = await pack.run("tencent.tat.run_command", { region: GZ, instanceIds: [web1.id, spot.id], command: "systemctl restart app" });
    expect(ok).toMatchObject({ status: "SUCCESS", exitCode: 0, output: "ok\n", invocationId: expect.stringMatching(/^inv-/), commandId: expect.stringMatching(/^cmd-/) });
    expect((ok["tasks"] as unknown[]).length).toBe(2);
    const failed = await pack.failure("tencent.tat.run_command", { region: GZ, instanceIds: [web1.id], command: "./deploy.sh; exit 3" });
    expect(failed.code).toBe("tat_failed");
    expect(failed.result).toMatchObject({ status: "FAILED", exitCode: 3 });

    const hidden = await pack.run("tencent.tat.describe_invocation_tasks", { region: GZ, filters: [{ name: "invocation-id", values: [ok["invocationId"] as string] }] });
    expect(hidden).toMatchObject({ TotalCount: 2, InvocationTaskSet: [{ TaskStatus: "SUCCESS", TaskResult: { ExitCode: 0, Output: "" } }, { InstanceId: spot.id }] });
    const shown = await pack.run("tencent.tat.describe_invocation_tasks", { region: GZ, invocationTaskIds: [ok["taskId"] as string], hideOutput: false });
    expect(shown).toMatchObject({ TotalCount: 1, InvocationTaskSet: [{ InvocationId: ok["invocationId"], TaskResult: { Output: Buffer.from("ok\n").toString("base64") } }] });
  });

  it("refuses a command on a stopped instance with ResourceUnavailable.InstanceStateNotRunning", async () => {
    await pack.run("tencent.cvm.stop_instances", { region: GZ, instanceIds: [spot.id] });
    await waitFor(async () => (sim.fleet.instance(spot.id).state === "STOPPED" ? true : undefined), "spot stopped");
    const err = await pack.failure("tencent.tat.run_command", { region: GZ, instanceIds: [spot.id], command: "uptime" });
    expect(err.message).toContain("ResourceUnavailable.InstanceStateNotRunning");
    const unknown = await pack.failure("tencent.tat.run_command", { region: GZ, instanceIds: ["ins-nothere"], command: "uptime" });
    expect(unknown.message).toContain("ResourceNotFound.InstanceNotFound");
  });
});
