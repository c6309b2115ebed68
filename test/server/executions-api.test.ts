// The workflow engine's API on a running Reflex: start an execution and read it to success,
// its log lines, listing with filters and a cursor, cancel, pause and resume, rerun from the
// failed task, the workflows (origin, guard state, re-arm), actions, the global pause switch,
// the audit log, the roles every write needs, and the OpenAPI document.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { DEMO_FANOUT_YAML } from "../support/examples.js";

const WORKFLOWS = `${DEMO_FANOUT_YAML}---
kind: Workflow
name: quick
tasks:
  only: {action: core.noop}
---
kind: Workflow
name: parent
tasks:
  child: {action: quick}
---
kind: Workflow
name: long
tasks:
  wait: {action: core.sleep, input: {seconds: 30}, next: [{do: [after]}]}
  after: {action: core.noop}
---
kind: Workflow
name: two-steps
tasks:
  first: {action: core.sleep, input: {seconds: 1}, next: [{do: [second]}]}
  second: {action: core.echo, input: {message: second}}
---
kind: Workflow
name: needs-file
input: [path]
tasks:
  check:
    action: core.shell
    input: {argv: [sh, -c, 'echo "checking $0"; test -f "$0"', "{{ ctx.path }}"]}
    next: [{when: "{{ $succeeded() }}", do: [done]}]
  done: {action: core.echo, input: {message: found}}
---
kind: Workflow
name: breaker
circuitBreaker: {failures: 1}
tasks:
  boom: {action: core.fail, input: {message: boom}}
`;

let t: TestReflex;
let dir: string;
const tokens: Record<"viewer" | "operator", string> = { viewer: "", operator: "" };

beforeAll(async () => {
  dir = writeConfigDir({ "workflows.yaml": WORKFLOWS });
  t = await startTestReflex({ configDir: dir });
  for (const role of ["viewer", "operator"] as const) {
    const created = (await (await t.api("/api/v1/tokens", json("POST", { name: `exec-${role}`, role }))).json()) as { token: string };
    tokens[role] = created.token;
  }
});
afterAll(async () => t?.stop());

function json(method: string, body?: unknown, token?: string | null): RequestInit & { token?: string | null } {
  return { method, ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), ...(token === undefined ? {} : { token }) };
}

interface Execution {
  id: string;
  workflow: string;
  status: string;
  createdAt: string;
  output: unknown;
  error: string | null;
  parentId: string | null;
  trigger: Record<string, unknown>;
  version: number;
  tasks: { id: string; task: string; status: string; result: unknown; logs: unknown[] }[];
  children: string[];
}

async function start(workflow: string, input?: Record<string, unknown>, token = tokens.operator): Promise<string> {
  const res = await t.api("/api/v1/executions", json("POST", { workflow, ...(input ? { input } : {}) }, token));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function execution(id: string): Promise<Execution> {
  return (await (await t.api(`/api/v1/executions/${id}`, { token: tokens.viewer })).json()) as Execution;
}

function waitForStatus(id: string, statuses: string[]): Promise<Execution> {
  return waitFor(async () => {
    const view = await execution(id);
    return statuses.includes(view.status) ? view : undefined;
  }, `execution ${id} to be ${statuses.join(" or ")}`);
}

describe("executions API", () => {
  it("starts an execution and reads it to success", async () => {
    const res = await t.api("/api/v1/executions", json("POST", { workflow: "demo.fanout", input: { n: 21 } }, tokens.operator));
    expect(res.status).toBe(201);
    const started = (await res.json()) as { id: string; status: string; created: boolean };
    expect(started).toEqual({ id: expect.any(String), status: "running", created: true });

    const done = await waitForStatus(started.id, ["succeeded", "failed"]);
    expect(done).toMatchObject({ workflow: "demo.fanout", status: "succeeded", output: { doubled: 42 }, error: null, parentId: null, trigger: { kind: "api", by: "exec-operator" } });
    expect(done.tasks.filter((r) => r.task === "joined")).toHaveLength(1);
    expect(done.tasks.find((r) => r.task === "first")?.result).toEqual({ message: "n=21" });

    const unknown = await t.api("/api/v1/executions", json("POST", { workflow: "nope" }, tokens.operator));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(/workflow 'nope' was not found/);
    const missing = await t.api("/api/v1/executions", json("POST", { workflow: "demo.fanout" }, tokens.operator));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { detail: string }).detail).toMatch(/\bn\b/);
    expect((await t.api("/api/v1/executions/01NOPE", { token: tokens.viewer })).status).toBe(404);
  });

  it("lists executions with filters and a cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await start("quick"));
    await Promise.all(ids.map((id) => waitForStatus(id, ["succeeded"])));
    const newestFirst = [...ids].reverse();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await (await t.api(`/api/v1/executions?workflow=quick&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: tokens.viewer })).json()) as { items: Execution[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(newestFirst);
    expect(pages).toBe(3);

    const parentId = await start("parent");
    const parent = await waitForStatus(parentId, ["succeeded"]);
    expect(parent.children).toHaveLength(1);
    const children = (await (await t.api(`/api/v1/executions?parentId=${parentId}`)).json()) as { items: Execution[] };
    expect(children.items.map((e) => e.id)).toEqual(parent.children);
    expect(children.items[0]).toMatchObject({ workflow: "quick", parentId });
    expect(children.items[0]).not.toHaveProperty("tasks");
    const topLevel = (await (await t.api("/api/v1/executions?topLevel=true&limit=1000")).json()) as { items: Execution[] };
    expect(topLevel.items.map((e) => e.id)).toContain(parentId);
    expect(topLevel.items.map((e) => e.id)).not.toContain(parent.children[0]);
    const succeeded = (await (await t.api("/api/v1/executions?status=succeeded&workflow=quick&limit=1000")).json()) as { items: Execution[] };
    expect(succeeded.items.map((e) => e.id)).toEqual([parent.children[0], ...newestFirst]);

    // A creation-time window: the same executions on either side of one's creation time.
    const quick = (await (await t.api("/api/v1/executions?workflow=quick&limit=1000")).json()) as { items: Execution[] };
    const pivot = quick.items[2] as Execution;
    const pivotMs = Date.parse(pivot.createdAt);
    const window = async (query: string) =>
      ((await (await t.api(`/api/v1/executions?workflow=quick&limit=1000&${query}`)).json()) as { items: Execution[] }).items.map((e) => e.id);
    const atOrAfter = quick.items.filter((e) => Date.parse(e.createdAt) >= pivotMs).map((e) => e.id);
    const before = quick.items.filter((e) => Date.parse(e.createdAt) < pivotMs).map((e) => e.id);
    expect(atOrAfter).toContain(pivot.id);
    expect(await window(`from=${encodeURIComponent(pivot.createdAt)}`)).toEqual(atOrAfter);
    expect(await window(`to=${pivotMs}`)).toEqual(before);
    expect(await window(`from=${pivotMs}&to=${pivotMs + 1}`)).toEqual(quick.items.filter((e) => Date.parse(e.createdAt) === pivotMs).map((e) => e.id));
    expect(await window("from=1h")).toEqual(quick.items.map((e) => e.id));
    expect(await window("to=1h")).toEqual([]);
    const badTime = await t.api("/api/v1/executions?from=yesterday-ish");
    expect(badTime.status).toBe(400);
    expect(await badTime.json()).toMatchObject({ pointer: "/from", detail: expect.stringContaining("'yesterday-ish' is not a time") });

    const both = await t.api(`/api/v1/executions?parentId=${parentId}&topLevel=true`);
    expect(both.status).toBe(400);
    expect((await t.api("/api/v1/executions?status=sleeping")).status).toBe(400);
    expect((await t.api("/api/v1/executions?limit=1001")).status).toBe(400);
  });

  it("cancels, pauses and resumes through the API", async () => {
    const longId = await start("long");
    await waitFor(async () => ((await execution(longId)).tasks.some((r) => r.task === "wait" && r.status === "running") ? true : undefined), "the sleep to run");
    const canceling = await t.api(`/api/v1/executions/${longId}/cancel`, json("POST", undefined, tokens.operator));
    expect(canceling.status).toBe(200);
    expect(((await canceling.json()) as Execution).status).toMatch(/^cancel(ing|ed)$/);
    const canceled = await waitForStatus(longId, ["canceled"]);
    expect(canceled.tasks.map((r) => r.task)).toEqual(["wait"]);
    const again = await t.api(`/api/v1/executions/${longId}/cancel`, json("POST", undefined, tokens.operator));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/already ended \(canceled\)/);

    const stepsId = await start("two-steps");
    await waitFor(async () => ((await execution(stepsId)).tasks.some((r) => r.task === "first" && r.status === "running") ? true : undefined), "the first step to run");
    const pausing = await t.api(`/api/v1/executions/${stepsId}/pause`, json("POST", undefined, tokens.operator));
    expect(pausing.status).toBe(200);
    expect(((await pausing.json()) as Execution).status).toMatch(/^paus(ing|ed)$/);
    const paused = await waitForStatus(stepsId, ["paused"]);
    expect(paused.tasks.map((r) => [r.task, r.status])).toEqual([
      ["first", "succeeded"],
      ["second", "paused"],
    ]);
    const resumed = await t.api(`/api/v1/executions/${stepsId}/resume`, json("POST", undefined, tokens.operator));
    expect(resumed.status).toBe(200);
    const done = await waitForStatus(stepsId, ["succeeded", "failed"]);
    expect(done.status).toBe("succeeded");
    expect(done.tasks.map((r) => r.task)).toEqual(["first", "second"]);
    expect((await t.api(`/api/v1/executions/${stepsId}/resume`, json("POST", undefined, tokens.operator))).status).toBe(409);
  });

  it("shows an execution's log lines and reruns it from the failed task", async () => {
    const path = join(dir, "marker");
    const firstId = await start("needs-file", { path });
    const failed = await waitForStatus(firstId, ["failed", "succeeded"]);
    expect(failed.status).toBe("failed");

    const logs = (await (await t.api(`/api/v1/executions/${firstId}/logs`, { token: tokens.viewer })).json()) as { items: Record<string, unknown>[] };
    const check = failed.tasks.find((r) => r.task === "check");
    expect(logs.items).toContainEqual({ task: "check", taskRunId: check?.id, item: null, attempt: 1, ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), stream: "stdout", line: `checking ${path}` });

    expect(existsSync(path)).toBe(false);
    writeFileSync(path, "now it exists");
    const rerun = await t.api(`/api/v1/executions/${firstId}/rerun`, { method: "POST", token: tokens.operator });
    expect(rerun.status).toBe(201);
    const { id } = (await rerun.json()) as { id: string };
    expect(id).not.toBe(firstId);
    const second = await waitForStatus(id, ["failed", "succeeded"]);
    expect(second).toMatchObject({ status: "succeeded", trigger: { kind: "rerun", of: firstId, by: "exec-operator", tasks: ["check"] } });
    expect(second.tasks.map((r) => r.task)).toEqual(["check", "done"]);

    const chosen = await t.api(`/api/v1/executions/${id}/rerun`, json("POST", { tasks: ["done"] }, tokens.operator));
    expect(chosen.status).toBe(201);
    const third = await waitForStatus(((await chosen.json()) as { id: string }).id, ["failed", "succeeded"]);
    expect(third).toMatchObject({ status: "succeeded", trigger: { tasks: ["done"] } });
    expect((await t.api(`/api/v1/executions/${id}/rerun`, json("POST", { tasks: [] }, tokens.operator))).status).toBe(400);
  });

  it("lists workflows with their origin, shows guard state and re-arms an open circuit breaker", async () => {
    const list = (await (await t.api("/api/v1/workflows", { token: tokens.viewer })).json()) as { items: { name: string; description?: string; input: unknown[]; taskCount: number; origin: unknown }[] };
    expect(list.items.map((w) => w.name)).toEqual(["breaker", "demo.fanout", "long", "needs-file", "parent", "quick", "two-steps"]);
    expect(list.items.find((w) => w.name === "demo.fanout")).toEqual({
      name: "demo.fanout",
      input: [{ name: "n", required: true }],
      taskCount: 4,
      origin: { file: join(dir, "workflows.yaml"), line: WORKFLOWS.split("\n").indexOf("kind: Workflow") + 1, col: 1 },
    });
    expect(list.items.find((w) => w.name === "quick")?.origin).toMatchObject({ line: WORKFLOWS.split("\n").indexOf("name: quick"), col: 1 });

    const failedId = await start("breaker");
    expect((await waitForStatus(failedId, ["failed", "succeeded"])).status).toBe("failed");
    const detail = (await (await t.api("/api/v1/workflows/breaker", { token: tokens.viewer })).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ name: "breaker", circuitBreaker: { failures: 1 }, tasks: [{ name: "boom", action: "core.fail" }], guards: { workflow: "breaker", consecutiveFailures: 1, circuitOpen: true } });
    const refused = await t.api("/api/v1/executions", json("POST", { workflow: "breaker" }, tokens.operator));
    expect(((await refused.json()) as { status: string }).status).toBe("canceled");

    expect((await t.api("/api/v1/workflows/breaker/rearm", json("POST", undefined, tokens.viewer))).status).toBe(403);
    const rearmed = await t.api("/api/v1/workflows/breaker/rearm", json("POST", undefined, tokens.operator));
    expect(rearmed.status).toBe(200);
    expect(await rearmed.json()).toEqual({ workflow: "breaker", consecutiveFailures: 0, circuitOpen: false, openedAt: null });
    expect((await t.api("/api/v1/workflows/breaker/rearm", json("POST", undefined, tokens.operator))).status).toBe(409);
    expect((await t.api("/api/v1/workflows/nope", { token: tokens.viewer })).status).toBe(404);
    expect((await t.api("/api/v1/workflows/nope/rearm", json("POST", undefined, tokens.operator))).status).toBe(404);

    const audit = (await (await t.api("/api/v1/audit?kind=workflow&id=breaker", { token: tokens.viewer })).json()) as { items: { actor: string; action: string; targetId: string }[] };
    expect(audit.items).toEqual([expect.objectContaining({ actor: "exec-operator", action: "workflow.rearm", targetKind: "workflow", targetId: "breaker" })]);
  });

  it("lists the actions", async () => {
    const actions = (await (await t.api("/api/v1/actions", { token: tokens.viewer })).json()) as { items: { ref: string; pack: string; description: string; inputSchema: { required?: string[] }; timeoutMs: number }[] };
    expect(actions.items.map((a) => a.ref)).toEqual(expect.arrayContaining(["core.approve", "core.echo", "core.noop", "core.shell", "core.sleep"]));
    expect(actions.items.find((a) => a.ref === "core.shell")).toMatchObject({ pack: "core", description: expect.stringContaining("argv"), inputSchema: { required: ["argv"] }, timeoutMs: expect.any(Number) });
  });

  it("turns the global pause switch on and off (admin only) and records who did", async () => {
    expect(await (await t.api("/api/v1/engine", { token: tokens.viewer })).json()).toEqual({ pausedAll: false });
    expect((await t.api("/api/v1/engine/pause-all", json("POST", undefined, tokens.operator))).status).toBe(403);
    const longId = await start("long");
    const on = await t.api("/api/v1/engine/pause-all", { method: "POST" });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ pausedAll: true, executions: expect.any(Number) });
    expect(await (await t.api("/api/v1/engine")).json()).toEqual({ pausedAll: true });
    expect((await execution(longId)).status).toMatch(/^paus(ing|ed)$/);
    const heldId = await start("quick");
    expect((await execution(heldId)).status).not.toBe("succeeded");

    const off = await t.api("/api/v1/engine/resume-all", { method: "POST" });
    expect(await off.json()).toMatchObject({ pausedAll: false });
    expect((await waitForStatus(heldId, ["succeeded", "failed"])).status).toBe("succeeded");
    await t.api(`/api/v1/executions/${longId}/cancel`, json("POST", undefined, tokens.operator));

    const audit = (await (await t.api("/api/v1/audit?kind=engine&limit=5")).json()) as { items: { actor: string; action: string; at: string }[] };
    expect(audit.items.map((e) => e.action)).toEqual(["engine.resume-all", "engine.pause-all"]);
    expect(audit.items[0]).toMatchObject({ actor: "bootstrap-admin", at: expect.stringMatching(/Z$/) });
  });

  it("needs a token with the right role for every write", async () => {
    const writes: [string, string][] = [
      ["/api/v1/executions", "operator"],
      ["/api/v1/executions/x/cancel", "operator"],
      ["/api/v1/executions/x/pause", "operator"],
      ["/api/v1/executions/x/resume", "operator"],
      ["/api/v1/executions/x/rerun", "operator"],
      ["/api/v1/approvals/x", "operator"],
      ["/api/v1/workflows/quick/rearm", "operator"],
      ["/api/v1/engine/pause-all", "admin"],
      ["/api/v1/engine/resume-all", "admin"],
    ];
    for (const [path, role] of writes) {
      expect((await t.api(path, json("POST", {}, null))).status, `${path} without a token`).toBe(401);
      expect((await t.api(path, json("POST", {}, tokens.viewer))).status, `${path} as viewer`).toBe(403);
      if (role === "admin") expect((await t.api(path, json("POST", {}, tokens.operator))).status, `${path} as operator`).toBe(403);
    }
    for (const path of ["/api/v1/executions", "/api/v1/approvals", "/api/v1/workflows", "/api/v1/actions", "/api/v1/engine", "/api/v1/audit"]) {
      expect((await t.api(path, { token: null })).status, `${path} without a token`).toBe(401);
      expect((await t.api(path, { token: tokens.viewer })).status, `${path} as viewer`).toBe(200);
    }
    const started = (await (await t.api("/api/v1/audit?kind=execution&limit=1000")).json()) as { items: { action: string; actor: string }[] };
    expect(started.items.filter((e) => e.action === "execution.start").every((e) => e.actor === "exec-operator")).toBe(true);
  });

  it("describes the new routes in the OpenAPI document", async () => {
    const doc = (await (await t.api("/api/v1/openapi.json", { token: null })).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    for (const [path, method] of [
      ["/api/v1/executions", "post"],
      ["/api/v1/executions", "get"],
      ["/api/v1/executions/{id}", "get"],
      ["/api/v1/executions/{id}/logs", "get"],
      ["/api/v1/executions/{id}/cancel", "post"],
      ["/api/v1/executions/{id}/pause", "post"],
      ["/api/v1/executions/{id}/resume", "post"],
      ["/api/v1/executions/{id}/rerun", "post"],
      ["/api/v1/executions/{id}/events", "get"],
      ["/api/v1/approvals", "get"],
      ["/api/v1/approvals/{id}", "get"],
      ["/api/v1/approvals/{id}", "post"],
      ["/api/v1/workflows", "get"],
      ["/api/v1/workflows/{name}", "get"],
      ["/api/v1/workflows/{name}/rearm", "post"],
      ["/api/v1/actions", "get"],
      ["/api/v1/engine", "get"],
      ["/api/v1/engine/pause-all", "post"],
      ["/api/v1/engine/resume-all", "post"],
      ["/api/v1/audit", "get"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths["/api/v1/executions/{id}/events"]?.get?.responses["200"]?.content ?? {})).toEqual(["text/event-stream"]);
  });
});
