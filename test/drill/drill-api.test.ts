// Drills end to end over the API: a real simulator, a real Reflex healing ping_unreachable
// with its own rule and workflow, a run started with POST and followed with GET until it
// ends; the report's times, lineage and verdict; a drill that cannot pass; the HTML page; the
// runs list; a run left `running` by a dead node read back as interrupted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DrillReport } from "../../src/drill/index.js";
import { pino } from "pino";
import { emptyConfig } from "../../src/config/types.js";
import { systemClock } from "../../src/core/clock.js";
import { DrillService } from "../../src/drill/index.js";
import { findDrillRun, insertDrillRun } from "../../src/store/drill-run-repository.js";
import { waitFor } from "../support/reflex.js";
import { startDrillWorld } from "./drill-world.js";
import type { DrillWorld } from "./drill-world.js";

let world: DrillWorld;

beforeAll(async () => {
  world = await startDrillWorld();
}, 30_000);

afterAll(async () => {
  await world?.close();
});

async function json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await world.reflex.api(path, init);
  return { status: response.status, body: (await response.json()) as T };
}

function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return json(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function finished(runId: string, timeoutMs = 15_000): Promise<DrillReport> {
  return waitFor(
    async () => {
      const { body } = await json<DrillReport>(`/api/v1/drill-runs/${runId}`);
      return body.status === "running" ? undefined : body;
    },
    `drill run ${runId} to end`,
    timeoutMs,
  );
}

describe("drills over the API", () => {
  it("lists the configured drills with where they are written", async () => {
    const { status, body } = await json<{ items: { name: string; fault: string; origin: { line: number } }[] }>("/api/v1/drills");
    expect(status).toBe(200);
    expect(body.items.map((d) => [d.name, d.fault])).toEqual([
      ["ping-5", "ping_unreachable"],
      ["readonly-unhealed", "disk_readonly"],
      ["listed", "oom"],
      ["nowhere", "oom"],
    ]);
    expect(body.items[0]?.origin.line).toBe(2);
  });

  it("runs a drill whose fault Reflex heals, and reports every instance detected, remediated and healed in time", async () => {
    const started = await post("/api/v1/drills/ping-5/runs", { instances: 3 });
    expect(started.status).toBe(202);
    const runId = String(started.body.runId);
    const report = await finished(runId);
    expect(report).toMatchObject({ drill: "ping-5", runId, fault: "ping_unreachable", status: "passed", summary: { instances: 3, injected: 3, detected: 3, remediated: 3, healed: 3, failed: 0, metPercent: 100 } });
    for (const i of report.instances) {
      expect(i).toMatchObject({ outcome: "healed", met: true, reasons: [], detectedBy: "cvm:ErrorEvent:PingUnreachable" });
      expect(i.healedBy).toMatch(/restart/);
      const [inject, detect, remediate, heal] = [i.injectedAt, i.detectedAt, i.remediationAt, i.healedAt].map((t) => Date.parse(String(t)));
      expect(inject).toBeLessThanOrEqual(detect ?? 0);
      expect(detect).toBeLessThanOrEqual(remediate ?? 0);
      expect(remediate).toBeLessThanOrEqual(heal ?? 0);
      expect(i.tthMs).toBe((heal ?? 0) - (inject ?? 0));
      // The instances are the simulator's, tagged for the drill.
      expect(world.fleet.instance(i.instanceId).tags).toMatchObject({ env: "drill", "reflex-drill": "ping-5" });
    }
    expect(report.summary.mttrMs).toBeGreaterThan(0);
    expect(report.summary.maxHealMs).toBeGreaterThanOrEqual(report.summary.p50HealMs ?? Infinity);
    const about = (id: string) => report.timeline.filter((t) => t.instanceId === id).map((t) => t.what);
    const first = about(report.instances[0]?.instanceId ?? "");
    expect(first[0]).toMatch(/^injected ping_unreachable \(fault /);
    expect(first.some((w) => /^delivery \S+ created: rule heal-ping → workflow target heal/.test(w))).toBe(true);
    expect(first.some((w) => /^execution \S+ created: execution of workflow heal-ping/.test(w))).toBe(true);
    expect(first.some((w) => w.startsWith("healed: the simulator cleared the fault"))).toBe(true);
    expect(report.criteria.results.every((r) => r.passed)).toBe(true);

    const html = await world.reflex.api(`/api/v1/drill-runs/${runId}/report.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain("<svg");
    expect(page).toContain('<span class="status passed">passed</span>');
  });

  it("fails a drill whose instances are not healed in time, saying why per instance", async () => {
    const started = await post("/api/v1/drills/readonly-unhealed/runs", {});
    const report = await finished(String(started.body.runId));
    expect(report.status).toBe("failed");
    expect(report.summary).toMatchObject({ instances: 2, detected: 2, healed: 0 });
    expect(report.instances[0]).toMatchObject({ outcome: "unhealed", detectedBy: "cvm:ErrorEvent:DiskReadonly", reasons: ["not healed before the run ended (timeout 1.5s)"] });
    expect(report.criteria.results.find((r) => r.criterion === "healWithin")).toMatchObject({ passed: false, detail: "0 of 2 instances (0%) healed within 1s" });
  });

  it("lists runs newest first, of one drill when asked", async () => {
    const all = await json<{ items: { drill: string; status: string }[] }>("/api/v1/drill-runs");
    expect(all.body.items.map((r) => [r.drill, r.status])).toEqual([
      ["readonly-unhealed", "failed"],
      ["ping-5", "passed"],
    ]);
    const one = await json<{ items: { drill: string }[] }>("/api/v1/drill-runs?drill=ping-5");
    expect(one.body.items.map((r) => r.drill)).toEqual(["ping-5"]);
  });

  it("ends in error, with the reason, when the listed instances are not in the simulator", async () => {
    const started = await post("/api/v1/drills/listed/runs", {});
    const report = await finished(String(started.body.runId));
    expect(report).toMatchObject({ status: "error", error: expect.stringMatching(/has no instance ins-nothere/) });
    const nowhere = await finished(String((await post("/api/v1/drills/nowhere/runs", {})).body.runId));
    expect(nowhere).toMatchObject({ status: "error", error: expect.stringMatching(/^cannot reach the simulator at http:\/\/127\.0\.0\.1:1 /) });
  });

  it("refuses unknown drills, a count for listed instances, and runs without a token", async () => {
    const unknown = await post("/api/v1/drills/nope/runs", {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/drill 'nope' was not found; the configured drills are: ping-5, readonly-unhealed, listed, nowhere/);
    const count = await post("/api/v1/drills/listed/runs", { instances: 3 });
    expect(count).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/uses listed instances/) } });
    const tooMany = await post("/api/v1/drills/ping-5/runs", { instances: 1001 });
    expect(tooMany.status).toBe(400);
    const anonymous = await world.reflex.api("/api/v1/drills/ping-5/runs", { method: "POST", token: null, headers: { "content-type": "application/json" }, body: "{}" });
    expect(anonymous.status).toBe(401);
    expect((await json("/api/v1/drill-runs/nope")).status).toBe(404);
  });

  it("reads a run left running by a node that died as interrupted", async () => {
    const store = world.reflex.reflex.store;
    const old = Date.now() - 120_000;
    const report = { drill: "ping-5", runId: "run-dead", status: "running", finishedAt: null, timeline: [] };
    await insertDrillRun(store.db, { id: "run-dead", drill: "ping-5", status: "running", startedMs: old, finishedMs: null, heartbeatMs: old, report: JSON.stringify(report) });
    const { body } = await json<DrillReport>("/api/v1/drill-runs/run-dead");
    expect(body).toMatchObject({ status: "error", error: expect.stringMatching(/^interrupted/) });
    expect(body.timeline.at(-1)?.what).toMatch(/^run ended in error: interrupted/);
  });

  it("marks, when a drill service starts, the runs a dead node left running", async () => {
    const store = world.reflex.reflex.store;
    const old = Date.now() - 120_000;
    const report = { drill: "ping-5", runId: "run-dead-2", status: "running", finishedAt: null, timeline: [] };
    await insertDrillRun(store.db, { id: "run-dead-2", drill: "ping-5", status: "running", startedMs: old, finishedMs: null, heartbeatMs: old, report: JSON.stringify(report) });
    await insertDrillRun(store.db, { id: "run-alive", drill: "ping-5", status: "running", startedMs: old, finishedMs: null, heartbeatMs: Date.now(), report: JSON.stringify({ ...report, runId: "run-alive" }) });
    const service = new DrillService({ store, clock: systemClock, logger: pino({ level: "silent" }), config: emptyConfig });
    expect(await service.recover()).toBe(1);
    expect(await findDrillRun(store.db, "run-dead-2")).toMatchObject({ status: "error" });
    expect(await findDrillRun(store.db, "run-alive")).toMatchObject({ status: "running" });
  });
});
