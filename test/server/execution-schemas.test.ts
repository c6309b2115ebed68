// The response schemas of the engine's API keep every field of the engine's views: Fastify's
// serializer drops what a schema does not name, so real views — an execution with with-items,
// a sub-workflow, log lines and an approval, its summary, approvals pending and answered, audit
// entries and guard state — are sent through the schemas over loopback HTTP and must come back
// unchanged.
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import type { TSchema } from "typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/core/json.js";
import { ApprovalView, AuditEntry, ExecutionSummary, ExecutionView, GuardState } from "../../src/server/execution-schemas.js";
import { FINISHED, startTestEngine } from "../support/engine.js";
import type { TestEngine } from "../support/engine.js";

const WORKFLOWS = `
kind: Workflow
name: everything
input:
  names: {type: array, default: [a, b, c]}
concurrency: {limit: 5}
tasks:
  each:
    action: core.shell
    with: {items: "{{ ctx.names }}", concurrency: 2}
    input: {argv: [echo, "{{ item }}"]}
    next: [{when: "{{ $succeeded() }}", publish: {n: 1}, do: [sub]}]
  sub: {action: inner, next: [{do: ask}]}
  ask:
    action: core.approve
    input: {message: ok?, schema: {type: object}, approvers: {users: [x]}, timeout: 1h, default: approve}
output: {n: "{{ ctx.n }}"}
---
kind: Workflow
name: inner
tasks:
  only: {action: core.noop}
`;

let engine: TestEngine;
let app: FastifyInstance;
let url: string;
const samples = new Map<string, { schema: TSchema; value: JsonValue }>();

beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS);
  const { id } = await engine.service.start("everything", {}, "tester");
  await engine.waitForStatus(id, ["pending"]);
  const [pending] = await engine.service.approvals({ executionId: id, limit: 1 });
  if (!pending) throw new Error("no approval");
  samples.set("pending approval", { schema: ApprovalView, value: pending });
  samples.set("answered approval", { schema: ApprovalView, value: await engine.service.answer(String(pending.id), "approve", { ok: true }, { name: "x", role: "viewer" }) });
  const done = await engine.waitForStatus(id, FINISHED);
  samples.set("execution", { schema: ExecutionView, value: done });
  const [summary] = await engine.service.list({ workflow: "everything", limit: 1 });
  if (!summary) throw new Error("no summary");
  samples.set("summary", { schema: ExecutionSummary, value: summary });
  const [entry] = await engine.service.audit({ kind: "approval", limit: 1 });
  if (!entry) throw new Error("no audit entry");
  samples.set("audit entry", { schema: AuditEntry, value: entry });
  samples.set("guards", { schema: GuardState, value: await engine.service.guards("everything") });

  app = Fastify();
  for (const [name, { schema, value }] of samples) {
    app.get(`/${name.replace(/ /g, "-")}`, { schema: { response: { 200: schema } } }, async () => value);
  }
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await app?.close();
  await engine?.close();
});

describe("engine API schemas", () => {
  it("covers what the samples hold: items, logs of items, a child, an answered approval", () => {
    const view = samples.get("execution")?.value as { status: string; children: string[]; tasks: { task: string; items?: unknown[]; logs: { item: number | null }[] }[] };
    expect(view.status).toBe("succeeded");
    expect(view.children).toHaveLength(1);
    const each = view.tasks.find((r) => r.task === "each");
    expect(each?.items).toHaveLength(3);
    expect(each?.logs.map((l) => l.item).sort()).toEqual([0, 1, 2]);
    expect(samples.get("answered approval")?.value).toMatchObject({ status: "approved", answeredBy: "x" });
  });

  it("sends every sample through its schema unchanged", async () => {
    for (const [name, { value }] of samples) {
      const res = await fetch(`${url}/${name.replace(/ /g, "-")}`);
      expect(res.status, name).toBe(200);
      expect(await res.json(), name).toEqual(JSON.parse(JSON.stringify(value)));
    }
  });
});
