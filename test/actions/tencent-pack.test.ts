// The `tencent` pack's CVM and CBS actions, called through the real SDK clients against a
// loopback Tencent Cloud that verifies every TC3-HMAC-SHA256 signature: results as the API
// gives them, the product's host and service in every signed request, the region per call,
// credentials from the run's secrets, errors mapped to ActionErrors (wrong key, throttling,
// not found, HTTP 502, unreachable), and input the actions refuse before calling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError, ActionRegistry } from "../../src/actions/index.js";
import type { AnyActionDefinition } from "../../src/actions/index.js";
import { createTencentPack } from "../../src/actions/tencent/pack.js";
import { ValidationError } from "../../src/core/errors.js";
import type { JsonValue } from "../../src/core/json.js";
import { rejection, testRun } from "./support.js";
import { SECRETS, SECRET_ID, startTencentCloud } from "./tencent-cloud.js";
import type { TencentCloud } from "./tencent-cloud.js";

let cloud: TencentCloud;
let registry: ActionRegistry;

beforeAll(async () => {
  cloud = await startTencentCloud();
  registry = new ActionRegistry().register(...createTencentPack({ env: { REFLEX_TENCENT_ENDPOINT: cloud.url } }));
});

afterAll(async () => {
  await cloud.close();
});

function action(ref: string): AnyActionDefinition {
  const found = registry.get(ref);
  if (!found) throw new Error(`${ref} is not registered`);
  return found;
}

/** Runs `ref` as the engine would: input checked against its schema, secrets from a map. */
async function run(ref: string, input: JsonValue, secrets: Record<string, string> = SECRETS): Promise<Record<string, unknown>> {
  registry.validateInput(ref, input);
  return (await action(ref).run(input, testRun({ secrets }).ctx)) as Record<string, unknown>;
}

async function failure(ref: string, input: JsonValue, secrets: Record<string, string> = SECRETS): Promise<ActionError> {
  const err = await rejection(run(ref, input, secrets));
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

describe("the tencent pack", () => {
  it("registers ten actions whose schemas compile, each needing the two credential secrets", () => {
    expect(registry.refs()).toEqual([
      "tencent.cbs.apply_snapshot",
      "tencent.cbs.create_snapshot",
      "tencent.cbs.describe_disks",
      "tencent.cbs.describe_snapshots",
      "tencent.cvm.describe_instances",
      "tencent.cvm.reboot_instances",
      "tencent.cvm.start_instances",
      "tencent.cvm.stop_instances",
      "tencent.tat.describe_invocation_tasks",
      "tencent.tat.run_command",
    ]);
    for (const definition of registry.list()) expect(definition.secrets).toEqual(["tencent.secret_id", "tencent.secret_key"]);
    const renamed = createTencentPack({ secrets: { secretId: "prod.tc_id", secretKey: "prod.tc_key" } });
    expect(renamed[0]?.secrets).toEqual(["prod.tc_id", "prod.tc_key"]);
  });

  it("describes instances: the API's InstanceSet and TotalCount, signed for cvm in the call's region", async () => {
    const seen = cloud.requests.length;
    const run1 = testRun({ secrets: SECRETS });
    const result = (await action("tencent.cvm.describe_instances").run({ region: "ap-guangzhou", instanceIds: ["ins-web1"] }, run1.ctx)) as Record<string, unknown>;
    expect(result).toMatchObject({ TotalCount: 1, InstanceSet: [{ InstanceId: "ins-web1", InstanceState: "RUNNING", PrivateIpAddresses: ["10.0.0.11"] }], RequestId: expect.any(String) });
    const request = cloud.requests[seen];
    expect(request?.headers["host"]).toBe("cvm.tencentcloudapi.com");
    expect(request?.headers["x-tc-region"]).toBe("ap-guangzhou");
    expect(request?.headers["x-tc-action"]).toBe("DescribeInstances");
    expect(JSON.parse(request?.body.toString() ?? "")).toEqual({ InstanceIds: ["ins-web1"] });
    expect(cloud.verdicts[seen]).toMatchObject({ ok: true, secretId: SECRET_ID, service: "cvm" });
    expect(run1.lines("info")).toEqual([expect.stringMatching(/^DescribeInstances ins-web1 in ap-guangzhou: RequestId [0-9a-f-]{36}$/)]);
  });

  it("describes by filters, and stops, starts and reboots instances", async () => {
    const all = await run("tencent.cvm.describe_instances", { region: "ap-guangzhou", filters: [{ name: "zone", values: ["ap-guangzhou-3"] }], limit: 10 });
    expect(all["TotalCount"]).toBe(2);
    expect(JSON.parse(cloud.requests.at(-1)?.body.toString() ?? "")).toEqual({ Filters: [{ Name: "zone", Values: ["ap-guangzhou-3"] }], Limit: 10 });

    expect(Object.keys(await run("tencent.cvm.stop_instances", { region: "ap-guangzhou", instanceIds: ["ins-web2"], stopType: "SOFT_FIRST", stoppedMode: "STOP_CHARGING" }))).toEqual(["RequestId"]);
    expect(JSON.parse(cloud.requests.at(-1)?.body.toString() ?? "")).toEqual({ InstanceIds: ["ins-web2"], StopType: "SOFT_FIRST", StoppedMode: "STOP_CHARGING" });
    expect(await run("tencent.cvm.describe_instances", { region: "ap-guangzhou", instanceIds: ["ins-web2"] })).toMatchObject({ InstanceSet: [{ InstanceState: "STOPPED" }] });

    await run("tencent.cvm.start_instances", { region: "ap-guangzhou", instanceIds: ["ins-web2"] });
    await run("tencent.cvm.reboot_instances", { region: "ap-guangzhou", instanceIds: ["ins-web1", "ins-web2"], stopType: "HARD" });
    expect(cloud.requests.at(-1)?.headers["x-tc-action"]).toBe("RebootInstances");
    expect(await run("tencent.cvm.describe_instances", { region: "ap-guangzhou", instanceIds: ["ins-web2"] })).toMatchObject({ InstanceSet: [{ InstanceState: "RUNNING", LatestOperation: "RebootInstances" }] });
  });

  it("snapshots a disk, finds the snapshot, rolls the disk back, and lists disks — signed for cbs", async () => {
    const disks = await run("tencent.cbs.describe_disks", { region: "ap-shanghai" });
    expect(disks).toMatchObject({ TotalCount: 2, DiskSet: [{ DiskId: "disk-sys1", InstanceId: "ins-web1" }, { DiskId: "disk-sys2" }] });
    expect(cloud.requests.at(-1)?.headers["host"]).toBe("cbs.tencentcloudapi.com");
    expect(cloud.verdicts.at(-1)).toMatchObject({ ok: true, service: "cbs" });

    const created = await run("tencent.cbs.create_snapshot", { region: "ap-shanghai", diskId: "disk-sys1", snapshotName: "before-upgrade", deadline: "2030-01-08T09:47:55+00:00" });
    expect(created).toEqual({ SnapshotId: expect.stringMatching(/^snap-/), RequestId: expect.any(String) });
    const found = await run("tencent.cbs.describe_snapshots", { region: "ap-shanghai", snapshotIds: [created["SnapshotId"] as string], order: "DESC" });
    expect(found).toMatchObject({ TotalCount: 1, SnapshotSet: [{ SnapshotName: "before-upgrade", DiskId: "disk-sys1", SnapshotState: "NORMAL" }] });
    expect(JSON.parse(cloud.requests.at(-1)?.body.toString() ?? "")).toMatchObject({ Order: "DESC", OrderField: "CREATE_TIME" });

    await run("tencent.cbs.apply_snapshot", { region: "ap-shanghai", snapshotId: created["SnapshotId"] as string, diskId: "disk-sys1", autoStopInstance: true, autoStartInstance: true });
    expect(JSON.parse(cloud.requests.at(-1)?.body.toString() ?? "")).toEqual({ SnapshotId: created["SnapshotId"], DiskId: "disk-sys1", AutoStopInstance: true, AutoStartInstance: true });
    const wrong = await failure("tencent.cbs.apply_snapshot", { region: "ap-shanghai", snapshotId: "snap-nothere", diskId: "disk-sys1" });
    expect(wrong.message).toMatch(/^tencent\.cbs\.apply_snapshot: ApplySnapshot in ap-shanghai failed: InvalidSnapshotId\.NotFound: The snapshot `snap-nothere` is not found\. \(RequestId [0-9a-f-]{36}\)\. Check the id, and that it lives in region ap-shanghai$/);
    expect(wrong.retryable).toBe(false);
  });
});

describe("tencent pack errors", () => {
  it("refuses a wrong SecretKey: the cloud's AuthFailure.SignatureFailure, not retryable, naming the secrets to fix", async () => {
    const err = await failure("tencent.cvm.describe_instances", { region: "ap-guangzhou" }, { ...SECRETS, "tencent.secret_key": "not-the-key" });
    expect(cloud.verdicts.at(-1)).toMatchObject({ ok: false, code: "AuthFailure.SignatureFailure" });
    expect(err.code).toBe("tencent_api_error");
    expect(err.retryable).toBe(false);
    expect(err.message).toContain("AuthFailure.SignatureFailure");
    expect(err.message).toContain("set the pair again (secrets tencent.secret_id and tencent.secret_key)");
    expect(err.message).not.toContain("not-the-key");
    expect(err.result).toMatchObject({ Error: { Code: "AuthFailure.SignatureFailure" }, RequestId: expect.any(String) });
  });

  it("refuses an unknown SecretId with AuthFailure.SecretIdNotFound", async () => {
    const err = await failure("tencent.cvm.describe_instances", { region: "ap-guangzhou" }, { ...SECRETS, "tencent.secret_id": "AKIDunknown" });
    expect(err.message).toContain("AuthFailure.SecretIdNotFound");
    expect(err.message).toContain("reflex secrets set tencent.secret_id");
    expect(err.retryable).toBe(false);
  });

  it("makes throttling retryable and a missing instance not", async () => {
    const throttled = await failure("tencent.cvm.reboot_instances", { region: "ap-guangzhou", instanceIds: ["ins-busy"] });
    expect(throttled).toMatchObject({ code: "tencent_api_error", retryable: true });
    expect(throttled.message).toContain("RequestLimitExceeded");
    const missing = await failure("tencent.cvm.start_instances", { region: "ap-beijing", instanceIds: ["ins-gone"] });
    expect(missing.retryable).toBe(false);
    expect(missing.message).toContain("InvalidInstanceId.NotFound: The instance `ins-gone` is not found.");
    expect(missing.message).toContain("that it lives in region ap-beijing");
  });

  it("makes an HTTP 502, a page that is not the API's, and an endpoint that does not answer retryable", async () => {
    const bad = await failure("tencent.cvm.stop_instances", { region: "ap-guangzhou", instanceIds: ["ins-broken"] });
    expect(bad).toMatchObject({ code: "tencent_http_status", retryable: true });
    expect(bad.message).toContain("answered HTTP 502");
    const page = await failure("tencent.cvm.start_instances", { region: "ap-guangzhou", instanceIds: ["ins-portal"] });
    expect(page).toMatchObject({ code: "tencent_bad_response", retryable: true });
    expect(page.message).toBe("tencent.cvm.start_instances: StartInstances in ap-guangzhou: the endpoint answered something that is not a Tencent Cloud API response (a proxy or gateway page?)");
    const nowhere = createTencentPack({ endpoint: "http://127.0.0.1:1", requestTimeoutSeconds: 5 }).find((a) => a.ref === "tencent.cvm.describe_instances") as AnyActionDefinition;
    const err = await rejection(nowhere.run({ region: "ap-guangzhou" }, testRun({ secrets: SECRETS }).ctx));
    expect(err).toMatchObject({ code: "tencent_unreachable", retryable: true });
    expect((err as Error).message).toMatch(/^tencent\.cvm\.describe_instances: DescribeInstances in ap-guangzhou got no answer: .*ECONNREFUSED/);
  });

  it("stops a call in flight when the run is aborted", async () => {
    const controller = new AbortController();
    cloud.onHold = () => controller.abort("the execution was canceled");
    const err = await rejection(action("tencent.cvm.reboot_instances").run({ region: "ap-guangzhou", instanceIds: ["ins-slow"] }, testRun({ secrets: SECRETS, signal: controller.signal }).ctx));
    expect(err).toMatchObject({ code: "action_aborted", message: "tencent.cvm.reboot_instances was stopped: the execution was canceled" });
  });

  it("fails without credentials before sending anything", async () => {
    const seen = cloud.requests.length;
    const err = await failure("tencent.cvm.describe_instances", { region: "ap-guangzhou" }, { "tencent.secret_id": SECRET_ID });
    expect(err).toMatchObject({ code: "tencent_credentials_missing", retryable: false });
    expect(err.message).toBe("tencent.cvm.describe_instances needs the Tencent Cloud SecretId and SecretKey in secrets tencent.secret_id and tencent.secret_key; tencent.secret_key is not set (`reflex secrets set NAME`)");
    expect(cloud.requests.length).toBe(seen);
  });

  it("refuses input the API would refuse, and input outside the schema", async () => {
    const both = await rejection(run("tencent.cvm.describe_instances", { region: "ap-guangzhou", instanceIds: ["ins-web1"], filters: [{ name: "zone", values: ["x"] }] }));
    expect(both).toBeInstanceOf(ValidationError);
    expect((both as ValidationError).location?.pointer).toBe("/filters");
    expect(() => registry.validateInput("tencent.cvm.reboot_instances", { region: "ap-guangzhou", instanceIds: [] })).toThrow(/\/instanceIds: must NOT have fewer than 1 items/);
    expect(() => registry.validateInput("tencent.cvm.start_instances", { region: "Guangzhou", instanceIds: ["ins-1"] })).toThrow(/\/region/);
    expect(() => registry.validateInput("tencent.cvm.stop_instances", { region: "ap-guangzhou", instanceIds: ["ins-1"], force: true })).toThrow(/unknown field 'force'/);
  });

  it("refuses an endpoint that is not an http(s) base URL, naming where it came from", () => {
    expect(() => createTencentPack({ env: { REFLEX_TENCENT_ENDPOINT: "ftp://sim" } })).toThrow("REFLEX_TENCENT_ENDPOINT: scheme 'ftp' is not supported; use http or https");
    expect(() => createTencentPack({ endpoint: "http://127.0.0.1:9000/api" })).toThrow(/^tencent pack option endpoint: give only scheme, host and port/);
  });
});
