// Operator actions on executions: cancel (cascading into sub-workflows, aborting running
// actions), pause and resume (running work finishes, nothing new starts until resume), rerun
// from the failed tasks or chosen ones (of a with-items task only the failed items), the
// global pause switch, and the audit log that records each of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "../../src/actions/action-error.js";
import type { ActionDefinition } from "../../src/actions/types.js";
import type { JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import type { TestEngine } from "../support/engine.js";
import { FINISHED, runsOf, startTestEngine } from "../support/engine.js";

/** Values test.flaky refuses; the tests change it between runs. */
const refused = new Set<string>();
const ran: string[] = [];

const TEST_ACTIONS: ActionDefinition<JsonValue>[] = [
  {
    ref: "test.flaky",
    description: "fails for refused values",
    inputSchema: { type: "object", properties: { value: { type: "string" } }, required: ["value"] },
    timeoutMs: 5_000,
    async run(input) {
      const value = isJsonObject(input) ? String(input.value) : "";
      ran.push(value);
      if (refused.has(value)) throw new ActionError(`refused ${value}`);
      return { value };
    },
  },
];

const WORKFLOWS = `
kind: Workflow
name: long
tasks:
  wait: {action: core.sleep, input: {seconds: 30}, next: [{do: [after]}]}
  after: {action: core.noop}
---
kind: Workflow
name: nested
tasks:
  inner: {action: long}
---
kind: Workflow
name: two-steps
tasks:
  first: {action: core.sleep, input: {seconds: 0.3}, next: [{do: [second]}]}
  second: {action: core.echo, input: {message: second}}
---
kind: Workflow
name: items-rerun
input: [values]
tasks:
  each:
    action: test.flaky
    with: {items: "{{ ctx.values }}"}
    input: {value: "{{ item }}"}
    next: [{when: "{{ $succeeded() }}", do: [done]}]
  done: {action: core.echo, input: {message: done}}
`;

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS, { actions: TEST_ACTIONS });
});
afterAll(async () => engine?.close());

async function waitForTask(id: string, task: string, status: string): Promise<void> {
  await engine.waitForStatus(id, ["running", "pending", "pausing", "paused", ...FINISHED]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const view = await engine.service.get(id);
    if (runsOf(view, task).some((r) => r.status === status)) return;
    if (Date.now() > deadline) throw new Error(`task ${task} of ${id} never became ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("cancel", () => {
  it("cancels a running execution at once, aborting its running action", async () => {
    const { id } = await engine.service.start("long", {}, "alice");
    await waitForTask(id, "wait", "running");
    const started = Date.now();
    await engine.service.cancel(id, "alice");
    const view = await engine.waitForStatus(id, FINISHED);
    expect(view.status).toBe("canceled");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(runsOf(view, "after")).toHaveLength(0);
    expect(view.error).toBe("canceled by alice");
  });

  it("cascades into sub-workflows", async () => {
    const { id } = await engine.service.start("nested", {}, "bob");
    await waitForTask(id, "inner", "running");
    const childId = String(runsOf(await engine.service.get(id), "inner")[0]?.childExecutionId);
    await waitForTask(childId, "wait", "running");
    await engine.service.cancel(id, "bob");
    expect((await engine.waitForStatus(id, FINISHED)).status).toBe("canceled");
    expect((await engine.waitForStatus(childId, FINISHED)).status).toBe("canceled");
  });
});

describe("pause and resume", () => {
  it("lets the running task finish, holds the next one, and runs it on resume", async () => {
    const { id } = await engine.service.start("two-steps", {}, "carol");
    await waitForTask(id, "first", "running");
    await engine.service.pause(id, "carol");
    const paused = await engine.waitForStatus(id, ["paused"]);
    expect(runsOf(paused, "first")[0]?.status).toBe("succeeded");
    expect(runsOf(paused, "second")[0]?.status).toBe("paused");
    await engine.service.resume(id, "carol");
    const done = await engine.waitForStatus(id, FINISHED);
    expect(done.status).toBe("succeeded");
    expect(runsOf(done, "second")[0]?.result).toEqual({ message: "second" });
  });

  it("pauses every execution with the global switch and starts new ones paused until it is off", async () => {
    const { id } = await engine.service.start("two-steps", {}, "dave");
    await waitForTask(id, "first", "running");
    await engine.service.setPausedAll(true, "dave");
    const fresh = await engine.service.start("two-steps", {}, "dave");
    expect((await engine.waitForStatus(id, ["paused"])).status).toBe("paused");
    const held = await engine.waitForStatus(fresh.id, ["paused"]);
    expect(runsOf(held, "first")[0]?.status).toBe("paused");
    await engine.service.setPausedAll(false, "dave");
    expect((await engine.waitForStatus(id, FINISHED)).status).toBe("succeeded");
    expect((await engine.waitForStatus(fresh.id, FINISHED)).status).toBe("succeeded");
  });
});

describe("rerun", () => {
  it("runs only the failed items of a with-items task again, in a new execution", async () => {
    refused.clear();
    refused.add("b");
    ran.length = 0;
    const { id } = await engine.service.start("items-rerun", { values: ["a", "b", "c"] }, "erin");
    const failed = await engine.waitForStatus(id, FINISHED);
    expect(failed.status).toBe("failed");
    expect([...ran].sort()).toEqual(["a", "b", "c"]);

    refused.clear();
    ran.length = 0;
    const rerunId = await engine.service.rerun(id, "erin");
    const view = await engine.waitForStatus(rerunId, FINISHED);
    expect(view.status).toBe("succeeded");
    expect(ran).toEqual(["b"]);
    expect(runsOf(view, "each")[0]?.result).toEqual([{ value: "a" }, { value: "b" }, { value: "c" }]);
    expect(runsOf(view, "done")).toHaveLength(1);
    expect(view.trigger).toMatchObject({ kind: "rerun", of: id, by: "erin" });
  });

  it("reruns chosen tasks of a succeeded execution, and refuses one that is still running", async () => {
    const first = await engine.run("two-steps");
    const rerunId = await engine.service.rerun(String(first.id), "frank", ["second"]);
    const view = await engine.waitForStatus(rerunId, FINISHED);
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "first")[0]?.startedAt).toBe(runsOf(first, "first")[0]?.startedAt); // carried over, not run again
    const { id } = await engine.service.start("long", {}, "frank");
    await expect(engine.service.rerun(id, "frank")).rejects.toThrow(/still/);
    await engine.service.cancel(id, "frank");
  });

  it("records every operator action in the audit log", async () => {
    const entries = await engine.service.audit({ limit: 200 });
    const actions = new Set(entries.map((e) => `${String(e.actor)}:${String(e.action)}`));
    for (const expected of ["alice:execution.cancel", "carol:execution.pause", "carol:execution.resume", "dave:engine.pause-all", "erin:execution.rerun", "frank:execution.start"]) {
      expect(actions).toContain(expected);
    }
  });
});
