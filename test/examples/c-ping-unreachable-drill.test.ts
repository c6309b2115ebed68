// The proof for scenario c at scale: the drill in examples/c-ping-unreachable/drill.yaml,
// run through the API against the simulator, breaks 50 CVM instances at once and every one is
// healed by the example's own rule and workflow (10 s polls shortened to 250 ms, the simulator
// fast). The report gives time to detect and time to heal per instance, MTTR, and the HTML
// page with its timeline.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DrillReport } from "../../src/drill/index.js";
import { startExample } from "../support/example-run.js";
import type { ExampleRun } from "../support/example-run.js";
import { waitFor } from "../support/reflex.js";

let run: ExampleRun;

beforeAll(async () => {
  run = await startExample("c-ping-unreachable", {
    rewrite: (text) => text.replaceAll("delay: 10s", "delay: 250ms"),
  });
}, 30_000);

afterAll(async () => {
  await run?.close();
});

it("heals all 50 instances of a ping-unreachable drill and reports MTTR", async () => {
  // No body: the drill runs as configured.
  const started = await run.reflex.api("/api/v1/drills/c-ping-unreachable-50/runs", { method: "POST" });
  expect(started.status).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  const report = await waitFor(
    async () => {
      const body = (await (await run.reflex.api(`/api/v1/drill-runs/${runId}`)).json()) as DrillReport;
      return body.status === "running" ? undefined : body;
    },
    "the 50-instance drill to end",
    150_000,
  );
  expect(report.status, JSON.stringify(report.summary)).toBe("passed");
  expect(report.summary).toMatchObject({ instances: 50, detected: 50, healed: 50, failed: 0 });
  expect(report.summary.mttrMs).toBeGreaterThan(0);
  expect(report.instances.every((i) => i.ttdMs !== undefined && i.tthMs !== undefined && i.tthMs >= i.ttdMs)).toBe(true);
  expect(run.sim.fleet.faults({ active: true })).toEqual([]);
  const html = await (await run.reflex.api(`/api/v1/drill-runs/${runId}/report.html`)).text();
  expect(html).toContain("<svg");
  expect(html).toContain("c-ping-unreachable-50");
}, 180_000);
