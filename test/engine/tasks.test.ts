// Task features: with-items with concurrency and partial failure, retry on failure and retry
// `when` on a successful result (polling), delay, timeout, the engine commands `retry`,
// `fail` and `continue`, and sub-workflows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "../../src/actions/action-error.js";
import type { ActionDefinition } from "../../src/actions/types.js";
import type { JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import type { TestEngine } from "../support/engine.js";
import { runsOf, startTestEngine } from "../support/engine.js";

/** Calls per key, and the most running at once per key, seen by the test actions. */
const calls = new Map<string, number>();
const running = new Map<string, number>();
const peak = new Map<string, number>();

const TEST_ACTIONS: ActionDefinition<JsonValue>[] = [
  {
    ref: "test.count",
    description: "counts its calls per key; fails for the values listed in failFor; reports a state that turns RUNNING after `readyAfter` calls",
    inputSchema: { type: "object", properties: { key: { type: "string" } }, required: ["key"] },
    timeoutMs: 5_000,
    async run(input) {
      const o = isJsonObject(input) ? input : {};
      const key = String(o.key);
      const n = (calls.get(key) ?? 0) + 1;
      calls.set(key, n);
      running.set(key, (running.get(key) ?? 0) + 1);
      peak.set(key, Math.max(peak.get(key) ?? 0, running.get(key) ?? 0));
      try {
        await new Promise((resolve) => setImmediate(resolve));
        if (typeof o.ms === "number") await new Promise((resolve) => setTimeout(resolve, o.ms as number));
        if (Array.isArray(o.failFor) && o.failFor.includes(o.value ?? null)) throw new ActionError(`no good: ${String(o.value)}`);
        if (typeof o.failTimes === "number" && n <= o.failTimes) throw new ActionError(`failure ${n}`);
        const state = typeof o.readyAfter === "number" && n >= o.readyAfter ? "RUNNING" : "STARTING";
        return { call: n, value: o.value ?? null, state };
      } finally {
        running.set(key, (running.get(key) ?? 1) - 1);
      }
    },
  },
];

const WORKFLOWS = `
kind: Workflow
name: items
input: [hosts, key]
tasks:
  each:
    action: test.count
    with: {items: "{{ ctx.hosts }}", concurrency: 2}
    input: {key: "{{ ctx.key }}", value: "{{ item }}", ms: 20, failFor: [bad-1, bad-2]}
    next:
      - when: "{{ $succeeded() }}"
        publish: {values: "{{ result.value }}"}
output: {values: "{{ ctx.values }}"}
---
kind: Workflow
name: retry-failure
input: [key]
tasks:
  flaky:
    action: test.count
    input: {key: "{{ ctx.key }}", failTimes: 2}
    retry: {count: 3, delay: 0.01}
---
kind: Workflow
name: poll
input: [key]
tasks:
  check:
    action: test.count
    input: {key: "{{ ctx.key }}", readyAfter: 3}
    retry: {count: 5, delay: 0.01, when: "{{ result.state != 'RUNNING' }}"}
    next:
      - when: "{{ result.state = 'RUNNING' }}"
        do: [ready]
      - when: "{{ result.state != 'RUNNING' }}"
        do: [not-ready]
  ready: {action: core.echo, input: {message: ready}}
  not-ready: {action: core.echo, input: {message: not ready}}
output: {calls: "{{ $task('check').attempt }}"}
---
kind: Workflow
name: command-retry
input: [key]
tasks:
  flaky:
    action: test.count
    input: {key: "{{ ctx.key }}", failTimes: 1}
    next:
      - when: "{{ $failed() }}"
        do: [retry]
---
kind: Workflow
name: command-fail
tasks:
  fine:
    action: core.noop
    next: [{do: [fail]}]
---
kind: Workflow
name: command-continue
tasks:
  boom:
    action: core.fail
    input: {message: still counts}
    next: [{when: "{{ $failed() }}", do: [continue]}]
---
kind: Workflow
name: slow-task
tasks:
  slow: {action: core.sleep, input: {seconds: 5}, timeout: 0.1}
---
kind: Workflow
name: delayed
tasks:
  later: {action: core.noop, delay: 0.3}
---
kind: Workflow
name: child
input: [x]
tasks:
  twice: {action: core.echo, input: {message: "{{ $string(ctx.x * 2) }}"}}
output: {twice: "{{ $task('twice').result.message }}"}
---
kind: Workflow
name: parent
input: [x]
tasks:
  call:
    action: child
    input: {x: "{{ ctx.x }}"}
    next: [{publish: {fromChild: "{{ result.twice }}"}}]
output: {fromChild: "{{ ctx.fromChild }}"}
`;

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS, { actions: TEST_ACTIONS });
});
afterAll(async () => engine?.close());

describe("with-items", () => {
  it("runs every item at most `concurrency` at a time and keeps results in item order", async () => {
    const hosts = ["h1", "h2", "h3", "h4", "h5"];
    const view = await engine.run("items", { hosts, key: "items-ok" });
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ values: hosts });
    expect(peak.get("items-ok")).toBe(2);
    const each = runsOf(view, "each")[0];
    expect(each?.itemsTotal).toBe(5);
  });

  it("fails the task when some items fail, after the others ran, naming how many", async () => {
    const view = await engine.run("items", { hosts: ["ok-1", "bad-1", "ok-2", "bad-2", "ok-3"], key: "items-partial" });
    expect(view.status).toBe("failed");
    const each = runsOf(view, "each")[0];
    expect(each?.error).toContain("2 of 5 items did not succeed; first: item 1");
    const items = each?.items;
    expect(Array.isArray(items) ? items.map((i) => (isJsonObject(i) ? i.status : null)) : []).toEqual(["succeeded", "failed", "succeeded", "failed", "succeeded"]);
    expect(calls.get("items-partial")).toBe(5);
  });
});

describe("retry", () => {
  it("retries a failing task until it succeeds", async () => {
    const view = await engine.run("retry-failure", { key: "retry-1" });
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "flaky")[0]?.attempt).toBe(3);
  });

  it("polls with `when` on a successful result until the state is reached", async () => {
    const view = await engine.run("poll", { key: "poll-1" });
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "ready")).toHaveLength(1);
    expect(runsOf(view, "not-ready")).toHaveLength(0);
    expect(view.output).toEqual({ calls: 3 });
  });

  it("gives up polling after `count` retries and takes the not-ready branch", async () => {
    calls.set("poll-2", -10); // far from ready: 6 runs are not enough
    const view = await engine.run("poll", { key: "poll-2" });
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "not-ready")).toHaveLength(1);
    expect(runsOf(view, "check")[0]?.attempt).toBe(6);
  });
});

describe("engine commands, delay, timeout", () => {
  it("`retry` runs the task again", async () => {
    const view = await engine.run("command-retry", { key: "cmd-retry" });
    expect(view.status).toBe("succeeded");
    expect(calls.get("cmd-retry")).toBe(2);
  });

  it("`fail` fails the workflow even after a success", async () => {
    const view = await engine.run("command-fail");
    expect(view.status).toBe("failed");
    expect(view.error).toContain("fail command");
  });

  it("`continue` does not handle a failure", async () => {
    const view = await engine.run("command-continue");
    expect(view.status).toBe("failed");
  });

  it("times a slow task out", async () => {
    const view = await engine.run("slow-task");
    expect(view.status).toBe("failed");
    expect(runsOf(view, "slow")[0]?.status).toBe("timeout");
  });

  it("starts a delayed task after its delay", async () => {
    const view = await engine.run("delayed");
    const later = runsOf(view, "later")[0];
    expect(Date.parse(String(later?.startedAt)) - Date.parse(String(later?.createdAt))).toBeGreaterThanOrEqual(300);
  });
});

describe("sub-workflows", () => {
  it("runs a workflow as a task and hands its output back as the result", async () => {
    const view = await engine.run("parent", { x: 21 });
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ fromChild: "42" });
    const call = runsOf(view, "call")[0];
    expect(typeof call?.childExecutionId).toBe("string");
    const child = await engine.service.get(String(call?.childExecutionId));
    expect(child.parentId).toBe(view.id);
    expect(child.status).toBe("succeeded");
  });
});
