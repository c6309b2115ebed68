// The simulator's one HTTP port as a whole: fresh credentials per simulator, requests told
// apart by protocol (Tencent's X-TC-Action header, Alibaba's Action parameter in a query or a
// form, /sim), the request size limit in each protocol's words, Alibaba's GET style through
// the official client, and the emitted events forwarded to a Reflex ingest endpoint in order.
import RPCClient from "@alicloud/pop-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import type { SimInstance } from "../../src/sim/types.js";
import { startCloudServer } from "../support/cloud-server.js";
import { waitFor } from "../support/reflex.js";
import { startTestSimulator } from "./server-support.js";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator({ maxBodyBytes: 4096 });
});

afterAll(async () => {
  await sim.close();
});

describe("one port, three protocols", () => {
  it("makes new credentials in each vendor's shape for every simulator", async () => {
    const other = await startTestSimulator();
    try {
      expect(sim.credentials.tencent.secretId).toMatch(/^AKID[A-Za-z0-9]{32}$/);
      expect(sim.credentials.aliyun.accessKeyId).toMatch(/^LTAI5t[A-Za-z0-9]{18}$/);
      expect(other.credentials.tencent.secretKey).not.toBe(sim.credentials.tencent.secretKey);
      expect(other.url).not.toBe(sim.url);
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await other.close();
    }
  });

  it("answers Alibaba RPC in the query (GET), as pop-core sends by default", async () => {
    const [ecs] = sim.fleet.createInstances([{ cloud: "aliyun", name: "ecs-get", state: "RUNNING" }]) as [SimInstance];
    const client = new RPCClient({ endpoint: sim.url, apiVersion: "2014-05-26", accessKeyId: sim.credentials.aliyun.accessKeyId, accessKeySecret: sim.credentials.aliyun.accessKeySecret });
    const answer = await client.request<{ Instances: { Instance: { InstanceId: string; Status: string }[] } }>("DescribeInstances", { RegionId: "cn-hangzhou", InstanceIds: JSON.stringify([ecs.id]) });
    expect(answer.Instances.Instance).toMatchObject([{ InstanceId: ecs.id, Status: "Running" }]);
    const wrongVersion = new RPCClient({ endpoint: sim.url, apiVersion: "2099-01-01", accessKeyId: sim.credentials.aliyun.accessKeyId, accessKeySecret: sim.credentials.aliyun.accessKeySecret });
    await expect(wrongVersion.request("DescribeInstances", { RegionId: "cn-hangzhou" })).rejects.toMatchObject({ code: "InvalidVersion" });
    const unknownAction = await client.request("DescribeUnicorns", { RegionId: "cn-hangzhou" }).catch((err: { code: string; data: unknown }) => err);
    expect(unknownAction).toMatchObject({ code: "InvalidAction.NotFound" });
    const replay = await fetch(`${sim.url}/?${new URLSearchParams({ Action: "DescribeInstances", Version: "2014-05-26" })}`);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ Code: "MissingAccessKeyId" });
  });

  it("refuses a body over the limit: 413 problem+json, or Tencent's RequestSizeLimitExceeded", async () => {
    const big = "x".repeat(5000);
    const control = await fetch(`${sim.url}/sim/instances`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(control.status).toBe(413);
    expect(control.headers.get("content-type")).toBe("application/problem+json");
    expect(await control.json()).toMatchObject({ status: 413, detail: expect.stringContaining("4096 bytes") });
    const tencent = await fetch(`${sim.url}/`, { method: "POST", headers: { "content-type": "application/json", "x-tc-action": "DescribeInstances" }, body: big });
    expect(tencent.status).toBe(200);
    expect(await tencent.json()).toMatchObject({ Response: { Error: { Code: "RequestSizeLimitExceeded" } } });
  });

  it("tells a request that is none of the three what it lacks", async () => {
    const answer = await fetch(`${sim.url}/api/v1/events`, { method: "POST", body: "{}" });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ code: "not_a_cloud_request", detail: expect.stringContaining("X-TC-Action") });
  });
});

describe("forwarding", () => {
  it("POSTs each emitted event to the ingest endpoint of its format, with the bearer token, in order", async () => {
    const reflex = await startCloudServer(() => ({ status: 202, body: { accepted: 1 } }));
    const forwarding = await startTestSimulator({ forwardTo: { url: reflex.url, token: "rfx_forward" } });
    try {
      const [cvm, ecs] = forwarding.fleet.createInstances([{ cloud: "tencent", state: "RUNNING" }, { cloud: "aliyun", state: "RUNNING" }]) as [SimInstance, SimInstance];
      forwarding.fleet.injectFault(cvm.id, "disk_readonly");
      forwarding.fleet.stopInstances([ecs.id]);
      await waitFor(async () => (reflex.requests.length >= 4 ? true : undefined), "four forwarded events");
      const seen = reflex.requests.map((r) => [r.url, r.headers["authorization"], (JSON.parse(r.body.toString()) as Record<string, unknown>)]);
      expect(seen.map(([url]) => url)).toEqual(expect.arrayContaining(["/api/v1/ingest/tencent", "/api/v1/ingest/aliyun"]));
      expect(seen.every(([, auth]) => auth === "Bearer rfx_forward")).toBe(true);
      const tencent = seen.find(([url]) => url === "/api/v1/ingest/tencent")?.[2];
      expect(tencent).toMatchObject({ type: "cvm:ErrorEvent:DiskReadonly", subject: cvm.id, status: "1" });
      const aliyunStates = seen.filter(([url]) => url === "/api/v1/ingest/aliyun").map(([, , body]) => ((body as { content: { state: string } }).content.state));
      expect(aliyunStates.slice(0, 3)).toEqual(["Pending", "Running", "Stopping"]);
    } finally {
      await forwarding.close();
      await reflex.close();
    }
  });
});
