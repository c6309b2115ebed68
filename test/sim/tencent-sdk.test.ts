// The simulator against clients that are not Reflex's pack: the official CVM SDK client used
// directly (dialing the simulator through an agent while signing for cvm.tencentcloudapi.com),
// and a request signed by hand with TC3-HMAC-SHA256 following Tencent's documented steps, as
// the seed's Python function does — so the simulator checks what the cloud checks, not what
// one client happens to send.
import { createHash, createHmac } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvm } from "tencentcloud-sdk-nodejs-cvm";
import { tencentEndpoint } from "../../src/actions/tencent/endpoint.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import type { SimInstance } from "../../src/sim/types.js";
import { rejection } from "../actions/support.js";
import { startTestSimulator } from "./server-support.js";

let sim: RunningSimulator;
let web: SimInstance;

beforeAll(async () => {
  sim = await startTestSimulator();
  [web] = sim.fleet.createInstances([{ cloud: "tencent", name: "web-1", privateIp: "10.8.0.21", state: "RUNNING" }]) as [SimInstance];
});

afterAll(async () => {
  await sim.close();
});

function sdkClient(secretKey = sim.credentials.tencent.secretKey): InstanceType<typeof cvm.v20170312.Client> {
  const endpoint = tencentEndpoint(sim.url, "test");
  return new cvm.v20170312.Client({
    credential: { secretId: sim.credentials.tencent.secretId, secretKey },
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: "cvm.tencentcloudapi.com", protocol: endpoint.protocol, ...(endpoint.agent ? { agent: endpoint.agent } : {}) } },
  });
}

describe("the official CVM SDK client", () => {
  it("describes, stops and reads instances through its typed API", async () => {
    const client = sdkClient();
    const described = await client.DescribeInstances({ InstanceIds: [web.id] });
    expect(described.TotalCount).toBe(1);
    expect(described.InstanceSet?.[0]).toMatchObject({ InstanceId: web.id, InstanceName: "web-1", InstanceState: "RUNNING", PrivateIpAddresses: ["10.8.0.21"] });
    await client.StopInstances({ InstanceIds: [web.id], StopType: "HARD" });
    expect(sim.fleet.instance(web.id).state).toBe("STOPPING");
    const byState = await client.DescribeInstances({ Filters: [{ Name: "instance-state", Values: ["STOPPING", "STOPPED"] }] });
    expect(byState.InstanceSet?.map((i) => i.InstanceId)).toEqual([web.id]);
  });

  it("throws the SDK's exception with the vendor's code and RequestId", async () => {
    const err = (await rejection(sdkClient("wrong-key").DescribeInstances({}))) as { code?: string; requestId?: string; message: string };
    expect(err.code).toBe("AuthFailure.SignatureFailure");
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = (await rejection(sdkClient().RebootInstances({ InstanceIds: ["ins-zzzzzzzz"] }))) as { code?: string };
    expect(missing.code).toBe("InvalidInstanceId.NotFound");
  });
});

/** POSTs a hand-signed API 3.0 request with the Host of the product, as a script on a cloud function would. */
function signedCall(options: { action: string; payload: string; secretId?: string; secretKey?: string; timestamp?: number; contentType?: string; tamper?: (body: string) => string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const { secretId = sim.credentials.tencent.secretId, secretKey = sim.credentials.tencent.secretKey } = options;
  const host = "cvm.tencentcloudapi.com";
  const service = "cvm";
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const contentType = options.contentType ?? "application/json; charset=utf-8";
  // Step 1: the canonical request.
  const hashedPayload = createHash("sha256").update(options.payload).digest("hex");
  const canonicalHeaders = `content-type:${contentType}\nhost:${host}\nx-tc-action:${options.action.toLowerCase()}\n`;
  const signedHeaders = "content-type;host;x-tc-action";
  const canonicalRequest = ["POST", "/", "", canonicalHeaders, signedHeaders, hashedPayload].join("\n");
  // Step 2: the string to sign.
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(timestamp), scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  // Step 3: the signature, with the key derived from the date and the service.
  const hmac = (key: string | Buffer, text: string): Buffer => createHmac("sha256", key).update(text).digest();
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  // Step 4: the Authorization header.
  const authorization = `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  const body = options.tamper ? options.tamper(options.payload) : options.payload;
  const target = new URL(sim.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: "POST",
        path: "/",
        headers: {
          Host: host,
          "Content-Type": contentType,
          Authorization: authorization,
          "X-TC-Action": options.action,
          "X-TC-Timestamp": String(timestamp),
          "X-TC-Version": "2017-03-12",
          "X-TC-Region": "ap-guangzhou",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("a request signed by hand per Tencent's signature v3 steps", () => {
  it("is accepted and answered as the cloud does", async () => {
    const answer = await signedCall({ action: "DescribeInstances", payload: JSON.stringify({ Filters: [{ Name: "private-ip-address", Values: ["10.8.0.21"] }] }) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ Response: { TotalCount: 1, InstanceSet: [{ InstanceId: web.id }], RequestId: expect.any(String) } });
  });

  it("is refused with HTTP 200 and the vendor's error when the body, the key or the clock is wrong", async () => {
    const tampered = await signedCall({ action: "DescribeInstances", payload: "{}", tamper: () => JSON.stringify({ Limit: 1 }) });
    expect(tampered.status).toBe(200);
    expect(tampered.body).toMatchObject({ Response: { Error: { Code: "AuthFailure.SignatureFailure", Message: expect.any(String) }, RequestId: expect.any(String) } });
    const unknown = await signedCall({ action: "DescribeInstances", payload: "{}", secretId: "AKIDsomeoneelse" });
    expect(unknown.body).toMatchObject({ Response: { Error: { Code: "AuthFailure.SecretIdNotFound" } } });
    const stale = await signedCall({ action: "DescribeInstances", payload: "{}", timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.body).toMatchObject({ Response: { Error: { Code: "AuthFailure.SignatureExpire" } } });
  });

  it("answers InvalidAction for an unknown action, MissingParameter, UnsupportedProtocol for a form body, InvalidParameter for a wrong type", async () => {
    const unknown = await signedCall({ action: "DescribeUnicorns", payload: "{}" });
    expect(unknown.body).toMatchObject({ Response: { Error: { Code: "InvalidAction", Message: expect.stringContaining("DescribeUnicorns") } } });
    const missing = await signedCall({ action: "RebootInstances", payload: "{}" });
    expect(missing.body).toMatchObject({ Response: { Error: { Code: "MissingParameter", Message: expect.stringContaining("InstanceIds") } } });
    const form = await signedCall({ action: "DescribeInstances", payload: "Limit=1", contentType: "application/x-www-form-urlencoded" });
    expect(form.body).toMatchObject({ Response: { Error: { Code: "UnsupportedProtocol", Message: expect.stringContaining("POST with Content-Type application/json") } } });
    const bad = await signedCall({ action: "DescribeInstances", payload: JSON.stringify({ Limit: "ten" }) });
    expect(bad.body).toMatchObject({ Response: { Error: { Code: "InvalidParameter", Message: expect.stringContaining("Limit") } } });
  });
});
