// The safety guards: one execution per concurrency key at a time (queued or dropped), and the
// circuit breaker that refuses new executions after K consecutive failures, emits
// `reflex.workflow.circuit_open`, and closes again when re-armed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEngine } from "../support/engine.js";
import { FINISHED, startTestEngine } from "../support/engine.js";

const WORKFLOWS = `
kind: Workflow
name: one-per-instance
input: [instance]
concurrency: {key: "{{ ctx.instance }}", limit: 1}
tasks:
  fix: {action: core.sleep, input: {seconds: 0.3}}
---
kind: Workflow
name: drop-extra
input: [instance]
concurrency: {key: "{{ ctx.instance }}", limit: 1, policy: drop}
tasks:
  fix: {action: core.sleep, input: {seconds: 0.3}}
---
kind: Workflow
name: breaker
input: [fail]
circuitBreaker: {failures: 2}
tasks:
  step:
    action: core.noop
    next: [{when: "{{ ctx.fail }}", do: [fail]}]
`;

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS);
});
afterAll(async () => engine?.close());

describe("concurrency key", () => {
  it("queues a second execution for the same key until the first ends; other keys run at once", async () => {
    const first = await engine.service.start("one-per-instance", { instance: "ins-1" }, "test");
    const second = await engine.service.start("one-per-instance", { instance: "ins-1" }, "test");
    const other = await engine.service.start("one-per-instance", { instance: "ins-2" }, "test");
    expect(first.status).toBe("running");
    expect(second.status).toBe("requested");
    expect(other.status).toBe("running");
    const a = await engine.waitForStatus(first.id, FINISHED);
    const b = await engine.waitForStatus(second.id, FINISHED);
    expect(b.status).toBe("succeeded");
    expect(Date.parse(String(b.startedAt))).toBeGreaterThanOrEqual(Date.parse(String(a.finishedAt)));
  });

  it("drops the extra execution under policy drop", async () => {
    const first = await engine.service.start("drop-extra", { instance: "ins-9" }, "test");
    const second = await engine.service.start("drop-extra", { instance: "ins-9" }, "test");
    expect(second.status).toBe("canceled");
    expect((await engine.service.get(second.id)).error).toMatch(/^dropped: 1 execution/);
    expect((await engine.waitForStatus(first.id, FINISHED)).status).toBe("succeeded");
  });
});

describe("circuit breaker", () => {
  it("opens after consecutive failures, refuses new executions, and closes when re-armed", async () => {
    expect((await engine.run("breaker", { fail: true })).status).toBe("failed");
    expect((await engine.run("breaker", { fail: false })).status).toBe("succeeded"); // resets the count
    expect((await engine.run("breaker", { fail: true })).status).toBe("failed");
    const circuit = () => engine.emitted.filter((e) => e.type === "reflex.workflow.circuit_open");
    expect(circuit()).toHaveLength(0);
    expect((await engine.run("breaker", { fail: true })).status).toBe("failed");
    expect(circuit()).toEqual([expect.objectContaining({ type: "reflex.workflow.circuit_open", subject: "breaker" })]);

    const refused = await engine.service.start("breaker", { fail: false }, "test");
    expect(refused.status).toBe("canceled");
    expect((await engine.service.get(refused.id)).error).toMatch(/circuit breaker .* is open/);
    expect(await engine.service.guards("breaker")).toMatchObject({ circuitOpen: true, consecutiveFailures: 2 });

    await engine.service.rearm("breaker", "lead");
    expect((await engine.run("breaker", { fail: false })).status).toBe("succeeded");
    await expect(engine.service.rearm("breaker", "lead")).rejects.toThrow(/not open/);
  });
});
