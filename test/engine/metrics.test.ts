// The engine's Prometheus metrics, fed by real executions: ended executions by workflow and
// status, action runs by action and outcome.
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineMetrics } from "../../src/engine/index.js";
import type { TestEngine } from "../support/engine.js";
import { startTestEngine } from "../support/engine.js";

const WORKFLOWS = `
kind: Workflow
name: ok
tasks:
  say: {action: core.echo, input: {message: hi}}
---
kind: Workflow
name: broken
tasks:
  boom: {action: core.fail, input: {message: no}}
`;

const registry = new Registry();
let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS, { observer: new EngineMetrics(registry) });
});
afterAll(async () => engine?.close());

describe("engine metrics", () => {
  it("counts ended executions and times action runs", async () => {
    await engine.run("ok");
    await engine.run("ok");
    await engine.run("broken");
    const text = await registry.metrics();
    expect(text).toContain('reflex_executions_total{workflow="ok",status="succeeded"} 2');
    expect(text).toContain('reflex_executions_total{workflow="broken",status="failed"} 1');
    expect(text).toContain('reflex_task_duration_seconds_count{action="core.echo",status="succeeded"} 2');
    expect(text).toContain('reflex_task_duration_seconds_count{action="core.fail",status="failed"} 1');
  });
});
