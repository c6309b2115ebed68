// The `aliyun` pack's ECS and SLB actions, called through `@alicloud/pop-core` against a
// loopback Alibaba Cloud that verifies every RPC signature and nonce: results as the API gives
// them, parameters as the API takes them (JSON-string lists, RegionId, Version per product),
// credentials from the run's secrets, errors mapped to ActionErrors (wrong secret, unknown key,
// throttling, permission, not found, a status that forbids the operation, a gateway page,
// unreachable), and the endpoints used without an override.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError, ActionRegistry } from "../../src/actions/index.js";
import type { AnyActionDefinition } from "../../src/actions/index.js";
import { productEndpoint } from "../../src/actions/aliyun/endpoint.js";
import { createAliyunPack } from "../../src/actions/aliyun/pack.js";
import type { JsonValue } from "../../src/core/json.js";
import { ACCESS_KEY_ID, SECRETS, startAliyunCloud } from "./aliyun-cloud.js";
import type { AliyunCloud } from "./aliyun-cloud.js";
import { rejection, testRun } from "./support.js";

let cloud: AliyunCloud;
let registry: ActionRegistry;

beforeAll(async () => {
  cloud = await startAliyunCloud();
  registry = new ActionRegistry().register(...createAliyunPack({ env: { REFLEX_ALIYUN_ENDPOINT: cloud.url } }));
});

afterAll(async () => {
  await cloud.close();
});

function action(ref: string): AnyActionDefinition {
  return registry.get(ref) as AnyActionDefinition;
}

async function run(ref: string, input: JsonValue, secrets: Record<string, string> = SECRETS): Promise<Record<string, unknown>> {
  registry.validateInput(ref, input);
  return (await action(ref).run(input, testRun({ secrets }).ctx)) as Record<string, unknown>;
}

async function failure(ref: string, input: JsonValue, secrets: Record<string, string> = SECRETS): Promise<ActionError> {
  const err = await rejection(run(ref, input, secrets));
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

const lastParams = (): Record<string, string> => Object.fromEntries(cloud.params.at(-1) ?? []);

describe("the aliyun pack", () => {
  it("registers eight actions whose schemas compile, each needing the two credential secrets", () => {
    expect(registry.refs()).toEqual([
      "aliyun.ecs.describe_instances",
      "aliyun.ecs.reboot_instance",
      "aliyun.ecs.start_instance",
      "aliyun.ecs.stop_instance",
      "aliyun.slb.add_vserver_group_backend_servers",
      "aliyun.slb.describe_vserver_group_attribute",
      "aliyun.slb.describe_vserver_groups",
      "aliyun.slb.remove_vserver_group_backend_servers",
    ]);
    for (const definition of registry.list()) expect(definition.secrets).toEqual(["aliyun.access_key_id", "aliyun.access_key_secret"]);
    expect(createAliyunPack({ secrets: { accessKeyId: "prod.ak", accessKeySecret: "prod.sk" } })[0]?.secrets).toEqual(["prod.ak", "prod.sk"]);
  });

  it("describes instances with a signed POST: the API's Instances.Instance, the id list as a JSON string", async () => {
    const seen = cloud.requests.length;
    const r = testRun({ secrets: SECRETS });
    const result = (await action("aliyun.ecs.describe_instances").run({ region: "cn-hangzhou", instanceIds: ["i-web1"], pageSize: 10 }, r.ctx)) as Record<string, unknown>;
    expect(result).toMatchObject({ TotalCount: 1, PageSize: 10, Instances: { Instance: [{ InstanceId: "i-web1", Status: "Running", VpcAttributes: { PrivateIpAddress: { IpAddress: ["172.16.0.11"] } } }] }, RequestId: expect.any(String) });
    const request = cloud.requests[seen];
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(cloud.verdicts[seen]).toEqual({ ok: true, accessKeyId: ACCESS_KEY_ID });
    expect(lastParams()).toMatchObject({ Action: "DescribeInstances", Version: "2014-05-26", RegionId: "cn-hangzhou", InstanceIds: '["i-web1"]', PageSize: "10", SignatureMethod: "HMAC-SHA1", Format: "JSON" });
    expect(r.lines("info")).toEqual([expect.stringMatching(/^DescribeInstances i-web1 in cn-hangzhou: RequestId [0-9A-F-]{36}$/)]);
  });

  it("stops, starts and reboots an instance", async () => {
    expect(Object.keys(await run("aliyun.ecs.stop_instance", { region: "cn-hangzhou", instanceId: "i-web2", forceStop: true, stoppedMode: "KeepCharging" }))).toEqual(["RequestId"]);
    expect(lastParams()).toMatchObject({ Action: "StopInstance", InstanceId: "i-web2", ForceStop: "true", StoppedMode: "KeepCharging" });
    expect(await run("aliyun.ecs.describe_instances", { region: "cn-hangzhou", status: "Stopped" })).toMatchObject({ TotalCount: 1, Instances: { Instance: [{ InstanceId: "i-web2" }] } });
    await run("aliyun.ecs.start_instance", { region: "cn-hangzhou", instanceId: "i-web2" });
    await run("aliyun.ecs.reboot_instance", { region: "cn-hangzhou", instanceId: "i-web2" });
    expect(lastParams()).toMatchObject({ Action: "RebootInstance", InstanceId: "i-web2" });
    expect(lastParams()).not.toHaveProperty("ForceStop");
  });

  it("takes a backend server out of a vServer group and puts it back, with the list as the API's JSON", async () => {
    const removed = await run("aliyun.slb.remove_vserver_group_backend_servers", { region: "cn-shanghai", vServerGroupId: "rsp-web", backendServers: [{ serverId: "i-web1", port: 80 }] });
    expect(removed).toMatchObject({ VServerGroupId: "rsp-web", BackendServers: { BackendServer: [{ ServerId: "i-web2" }] } });
    expect(lastParams()).toMatchObject({ Action: "RemoveVServerGroupBackendServers", Version: "2014-05-15", RegionId: "cn-shanghai", BackendServers: '[{"ServerId":"i-web1","Port":80}]' });

    await run("aliyun.slb.add_vserver_group_backend_servers", { region: "cn-shanghai", vServerGroupId: "rsp-web", backendServers: [{ serverId: "i-web1", port: 80, weight: 50, description: "back-after-restart" }] });
    expect(JSON.parse(lastParams()["BackendServers"] ?? "")).toEqual([{ ServerId: "i-web1", Port: 80, Weight: 50, Description: "back-after-restart" }]);
    const group = await run("aliyun.slb.describe_vserver_group_attribute", { region: "cn-shanghai", vServerGroupId: "rsp-web" });
    expect(group).toMatchObject({ VServerGroupName: "web-80", BackendServers: { BackendServer: [{ ServerId: "i-web2", Weight: 100 }, { ServerId: "i-web1", Weight: 50 }] } });
    const groups = await run("aliyun.slb.describe_vserver_groups", { region: "cn-shanghai", loadBalancerId: "lb-bp1o94dp5i6earr9g6d1l" });
    expect(groups).toMatchObject({ VServerGroups: { VServerGroup: [{ VServerGroupId: "rsp-web", VServerGroupName: "web-80" }] } });
    expect(lastParams()).toMatchObject({ Action: "DescribeVServerGroups", Version: "2014-05-15", RegionId: "cn-shanghai", LoadBalancerId: "lb-bp1o94dp5i6earr9g6d1l" });
  });

  it("uses each product's regional endpoint when not pointed elsewhere", () => {
    expect(productEndpoint("ecs", "cn-beijing", undefined)).toBe("https://ecs.cn-beijing.aliyuncs.com");
    expect(productEndpoint("slb", "cn-hangzhou", undefined)).toBe("https://slb.aliyuncs.com");
    expect(productEndpoint("slb", "ap-southeast-1", undefined)).toBe("https://slb.ap-southeast-1.aliyuncs.com");
    expect(productEndpoint("slb", "ap-southeast-1", "http://127.0.0.1:9000")).toBe("http://127.0.0.1:9000");
  });
});

describe("aliyun pack errors", () => {
  it("refuses a wrong AccessKey secret: SignatureDoesNotMatch, not retryable, naming the secrets to fix", async () => {
    const err = await failure("aliyun.ecs.describe_instances", { region: "cn-hangzhou" }, { ...SECRETS, "aliyun.access_key_secret": "not-the-secret" });
    expect(cloud.verdicts.at(-1)).toMatchObject({ ok: false, code: "SignatureDoesNotMatch" });
    expect(err).toMatchObject({ code: "aliyun_api_error", retryable: false });
    expect(err.message).toMatch(/^aliyun\.ecs\.describe_instances: DescribeInstances in cn-hangzhou failed: SignatureDoesNotMatch: Specified signature is not matched with our calculation\./);
    expect(err.message).toContain("set the pair again (secrets aliyun.access_key_id and aliyun.access_key_secret)");
    expect(err.message).not.toContain("not-the-secret");
    expect(err.result).toMatchObject({ Code: "SignatureDoesNotMatch", RequestId: expect.any(String) });
  });

  it("refuses an unknown AccessKey ID", async () => {
    const err = await failure("aliyun.ecs.start_instance", { region: "cn-hangzhou", instanceId: "i-web1" }, { ...SECRETS, "aliyun.access_key_id": "LTAIunknown" });
    expect(err.message).toContain("InvalidAccessKeyId.NotFound: Specified access key is not found.");
    expect(err.message).toContain("reflex secrets set aliyun.access_key_id");
    expect(err.retryable).toBe(false);
  });

  it("makes throttling and a status in transition retryable; a missing instance and a missing permission not", async () => {
    expect(await failure("aliyun.ecs.reboot_instance", { region: "cn-hangzhou", instanceId: "i-throttled" })).toMatchObject({ retryable: true, message: expect.stringContaining("Throttling.User") });
    const running = await failure("aliyun.ecs.start_instance", { region: "cn-hangzhou", instanceId: "i-web1" });
    expect(running).toMatchObject({ retryable: true, message: expect.stringContaining("IncorrectInstanceStatus") });
    const gone = await failure("aliyun.ecs.stop_instance", { region: "cn-qingdao", instanceId: "i-gone" });
    expect(gone.retryable).toBe(false);
    expect(gone.message).toContain("InvalidInstanceId.NotFound: The specified InstanceId does not exist.");
    expect(gone.message).toContain("that it lives in region cn-qingdao");
    const denied = await failure("aliyun.ecs.stop_instance", { region: "cn-hangzhou", instanceId: "i-forbidden" });
    expect(denied.retryable).toBe(false);
    expect(denied.message).toContain("may not call ecs:StopInstance; grant it in the RAM console");
  });

  it("explains a gateway page, and an endpoint that does not answer", async () => {
    const page = await failure("aliyun.ecs.start_instance", { region: "cn-hangzhou", instanceId: "i-broken" });
    expect(page).toMatchObject({ code: "aliyun_bad_response", retryable: true });
    expect(page.message).toBe("aliyun.ecs.start_instance: StartInstance in cn-hangzhou: the endpoint answered something that is not JSON (a proxy or gateway error page?)");
    const nowhere = createAliyunPack({ endpoint: "http://127.0.0.1:1", requestTimeoutMs: 5_000 }).find((a) => a.ref === "aliyun.ecs.start_instance") as AnyActionDefinition;
    const err = await rejection(nowhere.run({ region: "cn-hangzhou", instanceId: "i-web1" }, testRun({ secrets: SECRETS }).ctx));
    expect(err).toMatchObject({ code: "aliyun_unreachable", retryable: true });
    expect((err as Error).message).toMatch(/^aliyun\.ecs\.start_instance: StartInstance in cn-hangzhou got no answer: .*ECONNREFUSED/);
  });

  it("stops a call in flight when the run is aborted", async () => {
    const controller = new AbortController();
    cloud.onHold = () => controller.abort("the execution was canceled");
    const err = await rejection(action("aliyun.ecs.reboot_instance").run({ region: "cn-hangzhou", instanceId: "i-slow" }, testRun({ secrets: SECRETS, signal: controller.signal }).ctx));
    expect(err).toMatchObject({ code: "action_aborted", message: "aliyun.ecs.reboot_instance was stopped: the execution was canceled" });
    const before = await rejection(action("aliyun.ecs.describe_instances").run({ region: "cn-hangzhou" }, testRun({ secrets: SECRETS, signal: controller.signal }).ctx));
    expect(before).toMatchObject({ code: "action_aborted" });
  });

  it("fails without credentials before sending anything", async () => {
    const seen = cloud.requests.length;
    const err = await failure("aliyun.slb.describe_vserver_group_attribute", { region: "cn-hangzhou", vServerGroupId: "rsp-web" }, {});
    expect(err).toMatchObject({ code: "aliyun_credentials_missing", retryable: false });
    expect(err.message).toContain("aliyun.access_key_id and aliyun.access_key_secret are not set");
    expect(cloud.requests.length).toBe(seen);
  });

  it("refuses input outside the schema, and an endpoint that is not an http(s) base URL", () => {
    expect(() => registry.validateInput("aliyun.slb.add_vserver_group_backend_servers", { region: "cn-hangzhou", vServerGroupId: "rsp-web", backendServers: [{ serverId: "i-1", port: 0 }] })).toThrow(/\/backendServers\/0\/port/);
    expect(() => registry.validateInput("aliyun.slb.remove_vserver_group_backend_servers", { region: "cn-hangzhou", vServerGroupId: "rsp-web", backendServers: [{ serverId: "i-1", port: 80, weight: 5 }] })).toThrow(/unknown field 'weight'/);
    expect(() => createAliyunPack({ env: { REFLEX_ALIYUN_ENDPOINT: "127.0.0.1:9000" } })).toThrow(/^REFLEX_ALIYUN_ENDPOINT: /);
  });
});
