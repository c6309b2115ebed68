// The simulator's control API (/sim): what drills and the CLI use to play the world around the
// clouds. Instances created from specs, faults injected, events paged by a stable index, SLB
// groups, and the stand-in chat robot reading each vendor's body — with every malformed
// request refused as problem+json naming the field or parameter at fault, and the control
// token guarding what changes the fleet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimControlClient, SimControlError } from "../../src/sim/control-client.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import { SIM_FAULT_KINDS } from "../../src/sim/types.js";
import type { SimInstance } from "../../src/sim/types.js";
import { rejection } from "../actions/support.js";
import { startTestSimulator } from "./server-support.js";

let sim: RunningSimulator;
let client: SimControlClient;

beforeAll(async () => {
  sim = await startTestSimulator();
  client = new SimControlClient({ url: sim.url });
});

afterAll(async () => {
  await sim.close();
});

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string; json: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`, { method, headers: { "content-type": "application/json", ...headers }, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
  return { status: response.status, type: response.headers.get("content-type") ?? "", json: (await response.json()) as Record<string, unknown> };
}

describe("instances", () => {
  it("creates from a list or from count and spec, lists by cloud and state, reads and releases one", async () => {
    expect(await send("GET", "/sim/healthz")).toMatchObject({ status: 200, json: { ok: true } });
    const created = await send("POST", "/sim/instances", { count: 2, spec: { cloud: "tencent", tags: { team: "ops" }, dataDisks: 1 } });
    expect(created.status).toBe(201);
    const [a, b] = created.json["instances"] as SimInstance[];
    expect(a).toMatchObject({ cloud: "tencent", state: "PENDING", tags: { team: "ops" }, id: expect.stringMatching(/^ins-/) });
    expect(a?.diskIds).toHaveLength(2);
    const listed = await client.createInstances([{ cloud: "aliyun", id: "i-control0000000000001", name: "ecs-x", privateIp: "10.9.9.9", state: "STOPPED" }]);
    expect(listed[0]).toMatchObject({ id: "i-control0000000000001", state: "STOPPED", privateIp: "10.9.9.9" });

    expect((await client.instances({ cloud: "aliyun" })).map((i) => i.id)).toEqual(["i-control0000000000001"]);
    expect((await client.instances({ state: ["STOPPED"] })).map((i) => i.id)).toEqual(["i-control0000000000001"]);
    expect((await client.instance(b?.id ?? "")).id).toBe(b?.id);

    const released = await send("DELETE", "/sim/instances/i-control0000000000001");
    expect(released).toMatchObject({ status: 200, json: { instance: { id: "i-control0000000000001", state: "RELEASED" } } });
    expect((await client.instances({ cloud: "aliyun" })).length).toBe(0);
    expect((await client.instances({ cloud: "aliyun", released: true })).length).toBe(1);
    expect(await client.instance("i-control0000000000001")).toMatchObject({ state: "RELEASED", releasedAt: expect.any(String) });
    const again = await send("DELETE", "/sim/instances/i-control0000000000001");
    expect(again).toMatchObject({ status: 404, type: "application/problem+json", json: { status: 404, code: "not_found", detail: expect.stringContaining("released") } });
    expect(await send("GET", "/sim/instances/ins-nothere")).toMatchObject({ status: 404, json: { title: "Not Found", detail: expect.stringContaining("ins-nothere") } });
  });

  it("refuses specs with the pointer of the field at fault", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ count: 1, spec: {} }, "/spec/cloud", /cloud must be "tencent" or "aliyun" \(it is required\)/],
      [{ count: 1, spec: { cloud: "gcp" } }, "/spec/cloud", /not "gcp"/],
      [{ instances: [{ cloud: "tencent" }, { cloud: "aliyun", privateIp: "10.0.0.300" }] }, "/instances/1/privateIp", /not an IPv4 address/],
      [{ instances: [{ cloud: "tencent", id: "i-wrongprefix" }] }, "/instances/0/id", /starts with 'ins-'/],
      [{ count: 1, spec: { cloud: "tencent", colour: "red" } }, "/spec/colour", /'colour' is not a field here; known fields: id, cloud/],
      [{ count: 1, spec: { cloud: "tencent", tags: { "a/b": 1 } } }, "/spec/tags/a~1b", /must have a string value/],
      [{ count: 0, spec: { cloud: "tencent" } }, "/count", /from 1 to 100/],
      [{ what: 1 }, "", /give \{"instances"/],
    ];
    for (const [body, pointer, detail] of cases) {
      const answer = await send("POST", "/sim/instances", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.type).toBe("application/problem+json");
      expect(answer.json).toMatchObject({ type: expect.stringContaining("invalid_body"), title: "Bad Request", status: 400, pointer });
      expect(answer.json["detail"]).toMatch(detail);
    }
    expect(await send("POST", "/sim/instances", "{not json")).toMatchObject({ status: 400, json: { detail: expect.stringContaining("not JSON") } });
    expect(await send("GET", "/sim/instances?cloud=gcp")).toMatchObject({ status: 400, json: { parameter: "cloud" } });
    expect(await send("GET", "/sim/instances?state=ON")).toMatchObject({ status: 400, json: { parameter: "state", detail: expect.stringContaining("RUNNING") } });
  });
});

describe("faults and events", () => {
  it("injects a fault, lists it, and refuses unknown kinds (listing the valid ones), unknown instances and wrong clouds", async () => {
    const [web, ecs] = await client.createInstances([{ cloud: "tencent", state: "RUNNING" }, { cloud: "aliyun", state: "RUNNING" }]) as [SimInstance, SimInstance];
    const fault = await client.injectFault(web.id, "oom");
    expect(fault).toMatchObject({ instanceId: web.id, kind: "oom", injectedAt: expect.any(String), id: expect.any(String) });
    expect(await client.faults({ instanceId: web.id, active: true })).toEqual([fault]);
    expect((await client.instance(web.id)).process.running).toBe(false);

    const unknown = await send("POST", `/sim/instances/${web.id}/faults`, { kind: "meteor_strike" });
    expect(unknown).toMatchObject({ status: 400, json: { pointer: "/kind" } });
    expect(unknown.json["detail"]).toContain(`valid kinds: ${SIM_FAULT_KINDS.join(", ")}`);
    expect(await send("POST", `/sim/instances/${web.id}/faults`, {})).toMatchObject({ status: 400, json: { pointer: "/kind", detail: expect.stringContaining("kind is required") } });
    expect(await send("POST", "/sim/instances/ins-nothere/faults", { kind: "oom" })).toMatchObject({ status: 404, json: { code: "not_found" } });
    expect(await send("POST", `/sim/instances/${ecs.id}/faults`, { kind: "preemptible_interruption" })).toMatchObject({ status: 409, json: { code: "incorrect_state", detail: expect.stringContaining("not preemptible") } });
    expect(await send("POST", `/sim/instances/${ecs.id}/faults`, { kind: "kernel_fault" })).toMatchObject({ status: 400, json: { code: "unsupported" } });

    const err = await rejection(client.injectFault(web.id, "meteor_strike" as never));
    expect(err).toBeInstanceOf(SimControlError);
    expect(err).toMatchObject({ status: 400, problemCode: "invalid_body", pointer: "/kind" });
  });

  it("pages events by a stable index", async () => {
    const start = (await client.events(0)).next;
    const [web, other] = (await client.createInstances([{ cloud: "tencent", state: "RUNNING" }, { cloud: "tencent", state: "RUNNING" }])) as [SimInstance, SimInstance];
    await client.injectFault(web.id, "ping_unreachable");
    await client.injectFault(other.id, "conn_limit_packet_loss");
    const first = await client.events(start, 1);
    expect(first.next).toBe(start + 1);
    expect(first.events[0]?.body).toMatchObject({ type: "cvm:ErrorEvent:PingUnreachable", subject: web.id, status: "1" });
    const rest = await client.events(first.next);
    expect(rest.events.map((e) => e.body["type"])).toContain("cvm:ErrorEvent:CvmPacketDropedByQosConnectionSession");
    expect((await client.events(rest.next)).events).toEqual([]);
    expect(await send("GET", "/sim/events?after=-1")).toMatchObject({ status: 400, json: { parameter: "after" } });
  });
});

describe("vServer groups, routes and the control token", () => {
  it("creates and lists vServer groups, checking the body", async () => {
    const group = await client.createVServerGroup({ loadBalancerId: "lb-control", name: "web-80" });
    expect(group).toMatchObject({ id: expect.stringMatching(/^rsp-/), loadBalancerId: "lb-control", region: "cn-hangzhou", backends: [] });
    expect((await client.vserverGroups()).map((g) => g.id)).toContain(group.id);
    expect(await send("POST", "/sim/vserver-groups", { name: "x" })).toMatchObject({ status: 400, json: { pointer: "/loadBalancerId" } });
    expect(await send("POST", "/sim/vserver-groups", { loadBalancerId: "lb-1", name: "x", backends: [{ serverId: "i-1", port: 0 }] })).toMatchObject({ status: 400, json: { pointer: "/backends/0/port" } });
  });

  it("answers 404 for unknown routes and 405 with Allow for a wrong method", async () => {
    expect(await send("GET", "/sim/nothing")).toMatchObject({ status: 404, json: { code: "no_such_route" } });
    const wrong = await fetch(`${sim.url}/sim/faults`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    const neither = await send("GET", "/favicon.ico");
    expect(neither).toMatchObject({ status: 404, json: { code: "not_a_cloud_request" } });
  });

  it("with a control token, refuses changes without it but lets reads and the chat robot through", async () => {
    const guarded = await startTestSimulator({ controlToken: "sim-secret-token" });
    try {
      const anonymous = await fetch(`${guarded.url}/sim/instances`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 1, spec: { cloud: "tencent" } }) });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
      const wrong = new SimControlClient({ url: guarded.url, token: "nope" });
      expect(await rejection(wrong.createInstances([{ cloud: "tencent" }]))).toMatchObject({ status: 401 });
      expect(await wrong.instances()).toEqual([]);
      const right = new SimControlClient({ url: guarded.url, token: "sim-secret-token" });
      expect(await right.createInstances([{ cloud: "tencent" }])).toHaveLength(1);
      const chat = await fetch(`${guarded.url}/sim/chat/ops`, { method: "POST", body: JSON.stringify({ msgtype: "text", text: { content: "hi" } }) });
      expect(chat.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe("the stand-in chat robot", () => {
  it("keeps each vendor's text and answers each vendor's success shape", async () => {
    const post = (path: string, body: unknown) => fetch(`${sim.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const wecom = await post("/sim/chat/wecom?key=robot-key-1", { msgtype: "markdown", markdown: { content: "**disk read-only** on web-1" } });
    expect(await wecom.json()).toEqual({ errcode: 0, errmsg: "ok" });
    const dingtalk = await post("/sim/chat/dingtalk?access_token=tok", { msgtype: "markdown", markdown: { title: "t", text: "#### rebooted web-1" }, at: { isAtAll: false } });
    expect(await dingtalk.json()).toEqual({ errcode: 0, errmsg: "ok" });
    const feishu = await post("/sim/chat/feishu", { msg_type: "interactive", card: { header: { title: { tag: "plain_text", content: "Kernel fault" } }, elements: [{ tag: "div", text: { tag: "lark_md", content: "rolled back" } }] } });
    expect(await feishu.json()).toMatchObject({ code: 0, msg: "success" });
    const slack = await post("/sim/chat/slack/T000/B000/XXXX", { text: "fallback", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*healed*" } }] });
    expect(await slack.text()).toBe("ok");
    const generic = await post("/sim/chat/hooks", { title: "Approval needed", message: "clean /data on web-2?" });
    expect(await generic.json()).toEqual({ errcode: 0, errmsg: "ok" });

    const messages = await client.chat();
    expect(messages.map((m) => [m.channel, m.text])).toEqual([
      ["robot-key-1", "**disk read-only** on web-1"],
      ["tok", "#### rebooted web-1"],
      ["feishu", "Kernel fault\nrolled back"],
      ["slack/T000/B000/XXXX", "fallback"],
      ["hooks", "Approval needed\nclean /data on web-2?"],
    ]);
    expect((await client.chat("robot-key-1"))[0]).toMatchObject({ body: { msgtype: "markdown" }, receivedAt: expect.any(String) });
    expect(sim.chat("feishu")).toHaveLength(1);
  });
});
