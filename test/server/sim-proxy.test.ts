// The simulator seen through Reflex's API (the console's Fleet page), against a real simulator
// with a control token: whether one is wired, its instances and faults, a fault injected by an
// operator (not a viewer) reaching the simulator's fleet, the simulator's own refusals passed
// on with their status, a simulator gone away as 502, and a Reflex without REFLEX_SIM_URL
// answering 404 with how to wire one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../src/sim/server.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import { SIM_FAULT_KINDS } from "../../src/sim/types.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

const CONTROL_TOKEN = "sim-control-secret";
let sim: RunningSimulator;
let t: TestReflex;
const tokens = { viewer: "", operator: "" };

beforeAll(async () => {
  sim = await startSimulator({ controlToken: CONTROL_TOKEN, speed: 1000 });
  sim.fleet.createInstances([
    { id: "ins-proxy001", cloud: "tencent", state: "RUNNING", tags: { app: "shop" } },
    { id: "i-proxy00000000000002", cloud: "aliyun", state: "STOPPED" },
  ]);
  t = await startTestReflex({ env: { REFLEX_SIM_URL: sim.url, REFLEX_SIM_TOKEN: CONTROL_TOKEN } });
  for (const role of ["viewer", "operator"] as const) {
    tokens[role] = ((await (await t.api("/api/v1/tokens", json("POST", { name: `fleet-${role}`, role }))).json()) as { token: string }).token;
  }
});
afterAll(async () => {
  await t?.stop();
  await sim?.close();
});

function json(method: string, body: unknown, token?: string): RequestInit & { token?: string } {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(token === undefined ? {} : { token }) };
}

describe("simulator proxy", () => {
  it("says a simulator is wired and lists its instances", async () => {
    const info = await t.api("/api/v1/sim", { token: tokens.viewer });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ enabled: true, url: sim.url, reachable: true, faultKinds: [...SIM_FAULT_KINDS] });

    const all = (await (await t.api("/api/v1/sim/instances", { token: tokens.viewer })).json()) as { items: { id: string; state: string; tags: Record<string, string> }[] };
    expect(all.items.map((i) => i.id).sort()).toEqual(["i-proxy00000000000002", "ins-proxy001"]);
    expect(all.items.find((i) => i.id === "ins-proxy001")?.tags).toEqual({ app: "shop" });
    const stopped = (await (await t.api("/api/v1/sim/instances?cloud=aliyun&state=stopped")).json()) as { items: { id: string }[] };
    expect(stopped.items.map((i) => i.id)).toEqual(["i-proxy00000000000002"]);
    expect((await t.api("/api/v1/sim/instances?cloud=azure")).status).toBe(400);
  });

  it("injects a fault for an operator, with the simulator's control token, and lists it", async () => {
    const asViewer = await t.api("/api/v1/sim/instances/ins-proxy001/faults", json("POST", { kind: "ping_unreachable" }, tokens.viewer));
    expect(asViewer.status).toBe(403);
    expect(sim.fleet.faults()).toEqual([]);

    const injected = await t.api("/api/v1/sim/instances/ins-proxy001/faults", json("POST", { kind: "ping_unreachable" }, tokens.operator));
    expect(injected.status).toBe(201);
    const fault = (await injected.json()) as { id: string; instanceId: string; kind: string };
    expect(fault).toMatchObject({ instanceId: "ins-proxy001", kind: "ping_unreachable" });
    expect(sim.fleet.faults().map((f) => f.id)).toEqual([fault.id]);

    const listed = (await (await t.api("/api/v1/sim/faults?instanceId=ins-proxy001&active=true", { token: tokens.viewer })).json()) as { items: { id: string }[] };
    expect(listed.items.map((f) => f.id)).toEqual([fault.id]);
    const none = (await (await t.api("/api/v1/sim/faults?instanceId=i-proxy00000000000002")).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
  });

  it("passes the simulator's refusals on, and checks the fault kind itself", async () => {
    const unknown = await t.api("/api/v1/sim/instances/ins-nope/faults", json("POST", { kind: "oom" }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: expect.stringMatching(/^sim_/), detail: expect.stringMatching(/ins-nope/) });
    const badKind = await t.api("/api/v1/sim/instances/ins-proxy001/faults", json("POST", { kind: "meteor" }));
    expect(badKind.status).toBe(400);
  });

  it("answers 404 with how to wire a simulator when none is, and 502 when it is gone", async () => {
    const bare = await startTestReflex();
    try {
      expect(await (await bare.api("/api/v1/sim")).json()).toEqual({ enabled: false, url: null, reachable: false, faultKinds: [...SIM_FAULT_KINDS] });
      for (const [method, path] of [
        ["GET", "/api/v1/sim/instances"],
        ["GET", "/api/v1/sim/faults"],
        ["POST", "/api/v1/sim/instances/ins-1/faults"],
      ] as const) {
        const res = await bare.api(path, method === "POST" ? json("POST", { kind: "oom" }) : {});
        expect(res.status, path).toBe(404);
        expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
        expect(await res.json()).toMatchObject({ code: "no_simulator", detail: "no simulator: start with --sim or set REFLEX_SIM_URL (and REFLEX_SIM_TOKEN when it has a control token)" });
      }
    } finally {
      await bare.stop();
    }

    const gone = await startSimulator();
    const goneUrl = gone.url;
    await gone.close();
    const orphan = await startTestReflex({ env: { REFLEX_SIM_URL: goneUrl } });
    try {
      expect(await (await orphan.api("/api/v1/sim")).json()).toMatchObject({ enabled: true, url: goneUrl, reachable: false });
      const res = await orphan.api("/api/v1/sim/instances");
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ code: "sim_unavailable", detail: expect.stringMatching(/cannot reach the simulator/) });
    } finally {
      await orphan.stop();
    }
  });
});
