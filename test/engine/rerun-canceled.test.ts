// Rerunning an execution that was canceled (or that failed) part-way through a graph with a
// join: what was canceled runs again — items not done, tasks canceled before they started — a
// join keeps the arrivals it had, so it fires once the rerun tasks arrive, and what succeeded
// is carried over, not run again. The rerun never succeeds with a task left unrun.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "../../src/actions/action-error.js";
import type { ActionDefinition } from "../../src/actions/types.js";
import type { JsonObject, JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import type { TestEngine } from "../support/engine.js";
import { FINISHED, runsOf, startTestEngine } from "../support/engine.js";
import { waitFor } from "../support/reflex.js";

/** How test.work behaves: block until aborted for the values in `blocked`, fail for those in `refused`, else pass. */
const blocked = new Set<string>();
const refused = new Set<string>();
const ran: string[] = [];

const TEST_ACTIONS: ActionDefinition<JsonValue>[] = [
  {
    ref: "test.work",
    description: "blocks until aborted, fails or passes, as the test says",
    inputSchema: { type: "object", properties: { value: { type: "string" } }, required: ["value"] },
    timeoutMs: 60_000,
    async run(input, ctx) {
      const value = isJsonObject(input) ? String(input.value) : "";
      ran.push(value);
      if (refused.has(value)) throw new ActionError(`refused ${value}`);
      if (blocked.has(value)) {
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
        throw new ActionError(`test.work was stopped: ${String(ctx.signal.reason)}`, { code: "action_aborted" });
      }
      return { value };
    },
  },
];

// quick arrives at the join before the cancel; each is stopped mid-way; late is held by its
// delay (canceled before it started). joined needs all three.
const WORKFLOWS = `
kind: Workflow
name: fan-join
input: [values]
tasks:
  begin: {action: core.noop, next: [{do: [quick, each, late]}]}
  quick: {action: test.work, input: {value: quick}, next: [{do: [joined]}]}
  each:
    action: test.work
    with: {items: "{{ ctx.values }}", concurrency: 3}
    input: {value: "{{ item }}"}
    next: [{when: "{{ $succeeded() }}", do: [joined]}]
  late: {action: test.work, delay: 60s, input: {value: late}, next: [{do: [joined]}]}
  joined: {join: all, action: core.echo, input: {message: joined}, next: [{do: [after]}]}
  after: {action: test.work, input: {value: after}}
---
kind: Workflow
name: join-fail
input: [values]
tasks:
  begin: {action: core.noop, next: [{do: [quick, each]}]}
  quick: {action: test.work, input: {value: quick}, next: [{do: [joined]}]}
  each:
    action: test.work
    with: {items: "{{ ctx.values }}"}
    input: {value: "{{ item }}"}
    next: [{when: "{{ $succeeded() }}", do: [joined]}]
  joined: {join: all, action: core.echo, input: {message: joined}, next: [{do: [after]}]}
  after: {action: test.work, input: {value: after}}
`;

const VALUES = ["a", "b", "c", "d", "e", "f", "g", "h"];

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS, { actions: TEST_ACTIONS });
});
afterAll(async () => engine?.close());

function statusOf(view: JsonObject, task: string): JsonValue[] {
  return runsOf(view, task).map((r) => r.status ?? null);
}

describe("rerun of a canceled execution", () => {
  it("runs what was canceled again, lets the join fire with the arrivals it had, and runs the tasks after it", async () => {
    for (const v of VALUES) blocked.add(v);
    ran.length = 0;
    const { id } = await engine.service.start("fan-join", { values: VALUES }, "alice");
    await waitFor(
      async () => {
        const view = await engine.service.get(id);
        const running = (runsOf(view, "each")[0]?.items ?? []) as JsonObject[];
        return statusOf(view, "quick")[0] === "succeeded" && running.filter((i) => i.status === "running").length === 3 ? true : undefined;
      },
      `quick to succeed and 3 items of ${id} to run`,
      10_000,
    );
    await engine.service.cancel(id, "alice");
    const canceled = await engine.waitForStatus(id, FINISHED, 8_000);
    expect(canceled.status).toBe("canceled");
    expect(statusOf(canceled, "each")).toEqual(["canceled"]);
    expect(statusOf(canceled, "late")).toEqual(["canceled"]);
    expect(statusOf(canceled, "joined")).toEqual(["canceled"]);

    blocked.clear();
    ran.length = 0;
    const rerunId = await engine.service.rerun(id, "alice");
    const view = await engine.waitForStatus(rerunId, FINISHED);
    expect(view.status).toBe("succeeded");
    expect(statusOf(view, "quick")).toEqual(["succeeded"]);
    expect(statusOf(view, "each")).toEqual(["succeeded"]);
    expect(statusOf(view, "late")).toEqual(["succeeded"]);
    expect(statusOf(view, "joined")).toEqual(["succeeded"]);
    expect(statusOf(view, "after")).toEqual(["succeeded"]);
    expect(ran).not.toContain("quick"); // carried over, not run again
    expect([...ran].sort()).toEqual([...VALUES, "after", "late"].sort());
    expect(view.trigger).toMatchObject({ kind: "rerun", of: id, by: "alice" });
  });
});

describe("rerun of a failed execution with a join", () => {
  it("lets the join fire with the arrivals it had before the failure", async () => {
    refused.add("y");
    ran.length = 0;
    const { id } = await engine.service.start("join-fail", { values: ["x", "y"] }, "bob");
    const failed = await engine.waitForStatus(id, FINISHED, 8_000);
    expect(failed.status).toBe("failed");
    expect(statusOf(failed, "quick")).toEqual(["succeeded"]);
    expect(statusOf(failed, "joined")).toEqual(["canceled"]); // waited for each, which failed

    refused.clear();
    ran.length = 0;
    const rerunId = await engine.service.rerun(id, "bob");
    const view = await engine.waitForStatus(rerunId, FINISHED);
    expect(view.status).toBe("succeeded");
    expect(ran.sort()).toEqual(["after", "y"]);
    expect(statusOf(view, "joined")).toEqual(["succeeded"]);
    expect(statusOf(view, "after")).toEqual(["succeeded"]);
  });
});
