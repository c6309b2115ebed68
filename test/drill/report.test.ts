// The report's arithmetic (times to detect and heal, MTTR, nearest-rank percentiles, each
// criterion against minHealedPercent, the status) and its HTML page: self-contained (no
// external URL, no script), the SVG chart present, every text from the run escaped.
import { describe, expect, it } from "vitest";
import { buildReport, percentile, reportHtml } from "../../src/drill/index.js";
import type { RunState } from "../../src/drill/run-state.js";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function state(overrides: Partial<RunState> = {}): RunState {
  return {
    drill: "ping-4",
    runId: "run-1",
    fault: "ping_unreachable",
    simulator: "http://127.0.0.1:7421",
    criteria: { detectWithinMs: 10_000, healWithinMs: 60_000, minHealedPercent: 75 },
    timeoutMs: 120_000,
    startedMs: T0 - 5_000,
    finishedMs: T0 + 120_000,
    instances: [
      { instanceId: "ins-a", faultId: "f1", injectedMs: T0, detectedMs: T0 + 2_000, detectedBy: "cvm:ErrorEvent:PingUnreachable", remediationMs: T0 + 2_100, healedMs: T0 + 20_000 },
      { instanceId: "ins-b", faultId: "f2", injectedMs: T0, detectedMs: T0 + 4_000, remediationMs: T0 + 4_200, healedMs: T0 + 40_000 },
      { instanceId: "ins-c", faultId: "f3", injectedMs: T0, detectedMs: T0 + 12_000, healedMs: T0 + 50_000 },
      { instanceId: "ins-d", faultId: "f4", injectedMs: T0, detectedMs: T0 + 3_000, healedMs: T0 + 90_000 },
    ],
    timeline: [
      { atMs: T0 + 20_000, instanceId: "ins-a", what: "healed" },
      { atMs: T0, instanceId: "ins-a", what: "injected ping_unreachable" },
    ],
    ...overrides,
  };
}

describe("drill report", () => {
  it("computes times per instance, the summary and MTTR", () => {
    const report = buildReport(state());
    expect(report.instances.map((i) => [i.instanceId, i.ttdMs, i.tthMs, i.outcome, i.met])).toEqual([
      ["ins-a", 2_000, 20_000, "healed", true],
      ["ins-b", 4_000, 40_000, "healed", true],
      ["ins-c", 12_000, 50_000, "healed", false],
      ["ins-d", 3_000, 90_000, "healed", false],
    ]);
    expect(report.instances[2]?.reasons).toEqual(["detected after 12s, over detectWithin 10s"]);
    expect(report.instances[3]?.reasons).toEqual(["healed after 1m30s, over healWithin 1m00s"]);
    expect(report.summary).toEqual({
      instances: 4,
      injected: 4,
      detected: 4,
      remediated: 2,
      healed: 4,
      failed: 0,
      metPercent: 50,
      mttdMs: 5_250,
      mttrMs: 50_000,
      p50HealMs: 40_000,
      p95HealMs: 90_000,
      maxHealMs: 90_000,
    });
    expect(report.timeline.map((t) => t.what)).toEqual(["injected ping_unreachable", "healed"]);
  });

  it("passes a criterion when its share reaches minHealedPercent, and fails the drill when one does not", () => {
    const report = buildReport(state());
    expect(report.criteria.results.map((r) => [r.criterion, r.passed, r.detail])).toEqual([
      ["detectWithin", true, "3 of 4 instances (75%) detected within 10s"],
      ["healWithin", true, "3 of 4 instances (75%) healed within 1m00s"],
      ["minHealedPercent", false, "2 of 4 instances (50%) detected and healed in time; 75% required"],
    ]);
    expect(report.status).toBe("failed");
    const lenient = buildReport(state({ criteria: { detectWithinMs: 10_000, healWithinMs: 60_000, minHealedPercent: 50 } }));
    expect(lenient.status).toBe("passed");
  });

  it("says running while the run goes on, and names what is missing at its end", () => {
    const s = state({ finishedMs: null, instances: [{ instanceId: "ins-x", faultId: "f9", injectedMs: T0 }] });
    expect(buildReport(s)).toMatchObject({ status: "running", finishedAt: null, instances: [{ outcome: "pending", reasons: ["not detected yet", "not healed yet"] }] });
    s.finishedMs = T0 + 120_000;
    expect(buildReport(s)).toMatchObject({
      status: "failed",
      instances: [{ outcome: "unhealed", reasons: ["no event about the instance was stored in Reflex", "not healed before the run ended (timeout 2m00s)"] }],
      summary: { mttdMs: null, mttrMs: null, p50HealMs: null, maxHealMs: null },
    });
    const failedFault = buildReport(state({ instances: [{ instanceId: "i-1", faultId: "f", injectedMs: T0, detectedMs: T0 + 1000, failedMs: T0 + 5000, failure: "released while still serving in rsp-1" }] }));
    expect(failedFault.instances[0]).toMatchObject({ outcome: "failed", met: false, reasons: ["the fault failed: released while still serving in rsp-1"] });
    expect(failedFault.summary.failed).toBe(1);
    expect(buildReport(state({ error: "cannot reach the simulator" })).status).toBe("error");
  });

  it("takes nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(hundred, 50), percentile(hundred, 95), percentile(hundred, 100)]).toEqual([50, 95, 100]);
  });

  it("renders a self-contained HTML page with the SVG chart, every text escaped", () => {
    const s = state();
    const first = s.instances[0];
    if (first) first.name = `<script>alert("x")</script>`;
    s.timeline.push({ atMs: T0 + 1, instanceId: "ins-a", what: `tag env=<img src=x onerror=alert(1)> & "quoted"` });
    const html = reportHtml(buildReport(s));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<svg");
    expect(html.match(/class="mark heal"/g)?.length).toBe(4);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("tag env=&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:7421)/);
    expect(html).toContain("MTTR (mean time to heal)");
    expect(html).toContain('<span class="status failed">failed</span>');
  });
});
