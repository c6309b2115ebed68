// What operators and their tools rely on: health and readiness, Prometheus metrics with ingest
// counters and queue depth, the OpenAPI document, and problem+json for unknown routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let t: TestReflex;
beforeAll(async () => {
  t = await startTestReflex();
});
afterAll(async () => t.stop());

describe("operations endpoints", () => {
  it("reports health and readiness", async () => {
    expect(await (await t.api("/healthz")).json()).toEqual({ status: "ok" });
    const ready = (await (await t.api("/readyz")).json()) as { status: string; database: string };
    expect(ready.status).toBe("ready");
    expect(["sqlite", "postgres"]).toContain(ready.database);
  });

  it("counts ingested events by bus, source and outcome, and shows queue depth", async () => {
    await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ id: "m1", source: "metrics.test", type: "x" }, { id: "m1", source: "metrics.test", type: "x" }, { type: "x" }]) });
    await t.api("/api/v1/replays", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: "1h" }) });
    const text = await (await t.api("/metrics")).text();
    expect(text).toContain('reflex_events_ingested_total{bus="default",source="metrics.test",outcome="accepted"} 1');
    expect(text).toContain('reflex_events_ingested_total{bus="default",source="metrics.test",outcome="duplicate"} 1');
    expect(text).toMatch(/reflex_events_ingested_total\{bus="default",source="",outcome="rejected"\} 1/);
    expect(text).toContain("reflex_ingest_duration_seconds_bucket");
    expect(text).toMatch(/reflex_queue_jobs\{queue="default",status="\w+"\} \d+/);
  });

  it("publishes an OpenAPI document describing the routes", async () => {
    const doc = (await (await t.api("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const path of ["/api/v1/events", "/api/v1/buses/{bus}/events", "/api/v1/events/{id}", "/api/v1/replays", "/api/v1/tokens", "/api/v1/ingest/{adapter}", "/api/v1/sources/{name}/events"]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it("answers unknown routes with problem+json", async () => {
    const res = await t.api("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toContain("openapi.json");
  });
});
