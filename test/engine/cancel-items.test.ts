// Cancelling an execution while a with-items task is under way: items not yet running are
// canceled at once, running items are aborted, and once none is left running the task run ends
// `canceled` and the execution `canceled` — whether the in-flight items were running an action
// or waiting for a retry (a job due later).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "../../src/actions/action-error.js";
import type { ActionDefinition } from "../../src/actions/types.js";
import type { JsonObject, JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import type { TestEngine } from "../support/engine.js";
import { FINISHED, runsOf, startTestEngine } from "../support/engine.js";
import { waitFor } from "../support/reflex.js";

const started: string[] = [];

const TEST_ACTIONS: ActionDefinition<JsonValue>[] = [
  {
    ref: "test.block",
    description: "runs until its signal aborts",
    inputSchema: { type: "object", properties: { value: { type: "string" } }, required: ["value"] },
    timeoutMs: 60_000,
    async run(input, ctx) {
      started.push(isJsonObject(input) ? String(input.value) : "");
      await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
      throw new ActionError(`test.block was stopped: ${String(ctx.signal.reason)}`, { code: "action_aborted" });
    },
  },
  {
    ref: "test.refuse",
    description: "always fails",
    inputSchema: { type: "object", properties: { value: { type: "string" } }, required: ["value"] },
    timeoutMs: 5_000,
    async run(input) {
      throw new ActionError(`refused ${isJsonObject(input) ? String(input.value) : ""}`);
    },
  },
];

const WORKFLOWS = `
kind: Workflow
name: fan-block
input: [values]
tasks:
  each:
    action: test.block
    with: {items: "{{ ctx.values }}", concurrency: 3}
    input: {value: "{{ item }}"}
    next: [{when: "{{ $succeeded() }}", do: [after]}]
  after: {action: core.noop}
---
kind: Workflow
name: fan-retry
input: [values]
tasks:
  each:
    action: test.refuse
    with: {items: "{{ ctx.values }}", concurrency: 3}
    input: {value: "{{ item }}"}
    retry: {count: 5, delay: 60s}
    next: [{when: "{{ $succeeded() }}", do: [after]}]
  after: {action: core.noop}
`;

const VALUES = ["a", "b", "c", "d", "e", "f", "g", "h"];

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS, { actions: TEST_ACTIONS });
});
afterAll(async () => engine?.close());

function itemsOf(view: JsonObject, task: string): JsonObject[] {
  const items = runsOf(view, task)[0]?.items;
  return Array.isArray(items) ? items.filter(isJsonObject) : [];
}

/** Waits until `count` items of task `each` are in `status`. */
async function waitForItems(id: string, status: string, count: number): Promise<void> {
  await waitFor(
    async () => (itemsOf(await engine.service.get(id), "each").filter((i) => i.status === status).length >= count ? true : undefined),
    `${count} items of ${id} to be ${status}`,
    10_000,
  );
}

describe("cancel during a with-items task", () => {
  it("aborts the running items, cancels the rest, and ends the task and the execution canceled", async () => {
    started.length = 0;
    const { id } = await engine.service.start("fan-block", { values: VALUES }, "alice");
    await waitForItems(id, "running", 3);
    const asked = Date.now();
    await engine.service.cancel(id, "alice");
    const view = await engine.waitForStatus(id, FINISHED, 8_000);
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(view.status).toBe("canceled");
    expect(view.error).toBe("canceled by alice");
    const run = runsOf(view, "each")[0];
    expect(run?.status).toBe("canceled");
    expect(itemsOf(view, "each").map((i) => i.status)).toEqual(VALUES.map(() => "canceled"));
    expect(runsOf(view, "after")).toHaveLength(0);
    expect([...started].sort()).toEqual(["a", "b", "c"]); // nothing started after the cancel
  });

  it("ends at once when no item is running (the in-flight ones wait for a retry)", async () => {
    const { id } = await engine.service.start("fan-retry", { values: VALUES }, "bob");
    // Each in-flight item failed once and waits 60 s for its retry: `scheduled`, a job due later.
    await waitFor(
      async () => {
        const items = itemsOf(await engine.service.get(id), "each");
        return items.filter((i) => i.status === "scheduled" && Number(i.attempt) === 1).length === 3 ? true : undefined;
      },
      `3 items of ${id} to wait for their retry`,
      10_000,
    );
    await engine.service.cancel(id, "bob");
    const view = await engine.waitForStatus(id, FINISHED, 5_000);
    expect(view.status).toBe("canceled");
    expect(view.error).toBe("canceled by bob");
    expect(runsOf(view, "each")[0]?.status).toBe("canceled");
    expect(itemsOf(view, "each").map((i) => i.status)).toEqual(VALUES.map(() => "canceled"));
    expect(runsOf(view, "after")).toHaveLength(0);
  });
});
