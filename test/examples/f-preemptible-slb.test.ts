// Seed scenario f end to end: a preemptible ECS instance serving in two vServer groups of the
// configured load balancer gets its interruption notice in the simulated Alibaba Cloud; Reflex
// takes it out of both groups before the release (so the fault clears instead of failing),
// leaves the other backends alone, calls the replacement hook (a loopback HTTP receiver) with
// the groups and ports, and tells the chat. Negative: the hook answers 500 — the instance is
// drained all the same, the chat says the replacement request failed, the execution fails.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { startExample } from "../support/example-run.js";
import type { ExampleRun } from "../support/example-run.js";
import { STARTER_LOAD_BALANCER } from "../../src/sim/starter-instances.js";
import type { SimVServerGroup } from "../../src/sim/types.js";
import { createSeenInstances, endedExecution } from "./reflex-records.js";

const WORKFLOW = "f.preemptible-drain";
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Hook {
  url: string;
  bodies: unknown[];
}

/** A loopback receiver standing in for the user's provisioning service. */
async function startHook(status: number): Promise<Hook> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replacements`, bodies };
}

/** The example with the hook's URL filled in and its 2 s retry waits shortened. */
async function startDrain(hook: Hook): Promise<ExampleRun> {
  const example = await startExample("f-preemptible-slb", {
    timings: { releaseNoticeMs: 4_000 },
    rewrite: (text) => text.replace('url: {type: string, default: ""}', `url: {type: string, default: "${hook.url}"}`).replaceAll("delay: 2s", "delay: 100ms"),
  });
  closers.push(() => example.close());
  return example;
}

/**
 * A spot and a steady instance, and two groups of the load balancer the example is configured
 * with (the simulator's starter shop, so that `npm start` drains out of the box): web-80 (both
 * instances), admin-8080 (the spot one).
 */
async function groups(example: ExampleRun): Promise<{ spot: string; steady: string; web: SimVServerGroup; admin: SimVServerGroup }> {
  const [spot, steady] = (await createSeenInstances(example, [{ cloud: "aliyun", name: "f-spot-1", preemptible: true }, { cloud: "aliyun", name: "f-web-2" }])).map((i) => i.id) as [string, string];
  const web = example.sim.fleet.createVServerGroup({ loadBalancerId: STARTER_LOAD_BALANCER, name: "web-80", region: "cn-hangzhou", backends: [{ serverId: spot, port: 80, weight: 100 }, { serverId: steady, port: 80, weight: 100 }] });
  const admin = example.sim.fleet.createVServerGroup({ loadBalancerId: STARTER_LOAD_BALANCER, name: "admin-8080", region: "cn-hangzhou", backends: [{ serverId: spot, port: 8080, weight: 50 }] });
  return { spot, steady, web, admin };
}

const members = (example: ExampleRun, group: SimVServerGroup): string[] => (example.sim.fleet.describeVServerGroups({ ids: [group.id] })[0]?.backends ?? []).map((b) => `${b.serverId}:${b.port}`);

it("takes a reclaimed preemptible instance out of its vServer groups before the release, requests a replacement, tells the chat", async () => {
  const hook = await startHook(200);
  const example = await startDrain(hook);
  const { spot, steady, web, admin } = await groups(example);

  const fault = example.sim.fleet.injectFault(spot, "preemptible_interruption");
  // Drained while the instance still exists: before the release, not by it.
  const drainedAt = await example.waitForSim(
    (sim) => (members(example, web).every((m) => !m.startsWith(spot)) && members(example, admin).length === 0 ? sim.fleet.instance(spot).state : undefined),
    `${spot} out of ${web.id} and ${admin.id}`,
  );
  expect(drainedAt).not.toBe("RELEASED");
  expect(members(example, web)).toEqual([`${steady}:80`]);

  const ended = await example.waitForSim((sim) => sim.fleet.faults({ instanceId: spot }).find((f) => f.id === fault.id && (f.clearedAt ?? f.failedAt) !== undefined), `the interruption of ${spot} to end`);
  expect(ended.failure).toBeUndefined();
  expect(ended.clearedAt).toBeDefined();
  expect(example.sim.fleet.describeInstances({ ids: [spot], released: true })[0]?.state).toBe("RELEASED");

  const message = await example.waitForChat(new RegExp(`Preemptible ECS ${spot} is being reclaimed: removed from vServer group\\(s\\) `));
  expect(message).toContain(web.id);
  expect(message).toContain(admin.id);
  expect(message).toContain("replacement requested");

  expect(hook.bodies).toHaveLength(1);
  expect(hook.bodies[0]).toMatchObject({ reason: "preemptible-interruption", instance: spot, region: "cn-hangzhou" });
  expect((hook.bodies[0] as { groups: unknown[] }).groups).toEqual(
    expect.arrayContaining([
      { vServerGroupId: web.id, backendServers: [{ serverId: spot, port: 80 }] },
      { vServerGroupId: admin.id, backendServers: [{ serverId: spot, port: 8080 }] },
    ]),
  );
  const execution = await endedExecution(example.reflex, WORKFLOW, spot);
  expect(execution.status).toBe("succeeded");
});

it("drains the instance even when the replacement hook fails, and says so in the chat", async () => {
  const hook = await startHook(500);
  const example = await startDrain(hook);
  const { spot, web, admin } = await groups(example);

  const fault = example.sim.fleet.injectFault(spot, "preemptible_interruption");
  const message = await example.waitForChat(new RegExp(`Preemptible ECS ${spot} was taken out of .*but requesting its replacement failed`));
  expect(message).toContain(web.id);
  expect(message).toContain(admin.id);
  expect(hook.bodies.length).toBe(3);
  const execution = await endedExecution(example.reflex, WORKFLOW, spot);
  expect(execution.status).toBe("failed");

  const ended = await example.waitForSim((sim) => sim.fleet.faults({ instanceId: spot }).find((f) => f.id === fault.id && (f.clearedAt ?? f.failedAt) !== undefined), `the interruption of ${spot} to end`);
  expect(ended.failure).toBeUndefined();
  expect(ended.clearedAt).toBeDefined();
});
