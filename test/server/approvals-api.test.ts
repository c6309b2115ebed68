// Approvals over HTTP on a running Reflex: a `core.approve` task's question is listed and
// read; a viewer may not answer it (403); an operator's answer must fit the approval's schema
// (400 with the pointer), is recorded with who gave it, lets the workflow go on, and cannot be
// given twice (409); a rejection takes the workflow's failure branch; the audit log has both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

const WORKFLOWS = `kind: Workflow
name: guarded-reboot
input: [instance]
tasks:
  ask:
    action: core.approve
    input:
      message: "{{ 'Reboot ' & ctx.instance & '?' }}"
      approvers: {roles: [operator]}
      schema: {type: object, properties: {reason: {type: string}}, required: [reason]}
      timeout: 1h
    next:
      - when: "{{ $succeeded() }}"
        publish: {reason: "{{ result.response.reason }}", by: "{{ result.by }}"}
        do: [reboot]
      - when: "{{ $failed() }}"
        publish: {by: "{{ result.by }}"}
        do: [skipped]
  reboot: {action: core.echo, input: {message: "{{ 'rebooting ' & ctx.instance }}"}}
  skipped: {action: core.echo, input: {message: skipped}}
output: {reason: "{{ ctx.reason }}", by: "{{ ctx.by }}"}
`;

let t: TestReflex;
const tokens: Record<"viewer" | "operator", string> = { viewer: "", operator: "" };

beforeAll(async () => {
  t = await startTestReflex({ configDir: writeConfigDir({ "workflows.yaml": WORKFLOWS }) });
  for (const role of ["viewer", "operator"] as const) {
    const created = (await (await t.api("/api/v1/tokens", json("POST", { name: `oncall-${role}`, role }))).json()) as { token: string };
    tokens[role] = created.token;
  }
});
afterAll(async () => t?.stop());

function json(method: string, body: unknown, token?: string): RequestInit & { token?: string } {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(token === undefined ? {} : { token }) };
}

interface Approval {
  id: string;
  executionId: string;
  status: string;
  message: string;
  answeredBy: string | null;
  response: unknown;
  expiresAt: string | null;
}

async function startAndAsk(instance: string): Promise<{ executionId: string; approval: Approval }> {
  const started = await t.api("/api/v1/executions", json("POST", { workflow: "guarded-reboot", input: { instance } }, tokens.operator));
  const { id } = (await started.json()) as { id: string };
  const approval = await waitFor(async () => {
    const page = (await (await t.api(`/api/v1/approvals?status=pending&executionId=${id}`, { token: tokens.viewer })).json()) as { items: Approval[] };
    return page.items[0];
  }, `the approval of ${instance}`);
  return { executionId: id, approval };
}

async function finished(id: string): Promise<{ status: string; output: unknown; tasks: { task: string }[] }> {
  return waitFor(async () => {
    const view = (await (await t.api(`/api/v1/executions/${id}`)).json()) as { status: string; output: unknown; tasks: { task: string }[] };
    return ["succeeded", "failed", "canceled"].includes(view.status) ? view : undefined;
  }, `execution ${id} to end`);
}

describe("approvals API", () => {
  it("lists a pending approval, refuses a viewer and an off-schema response, and records the operator's answer", async () => {
    const { executionId, approval } = await startAndAsk("ins-1");
    expect(approval).toMatchObject({ executionId, status: "pending", message: "Reboot ins-1?", answeredBy: null, expiresAt: expect.stringMatching(/Z$/) });
    expect((await (await t.api(`/api/v1/executions/${executionId}`)).json()) as { status: string }).toMatchObject({ status: "pending" });
    expect(await (await t.api(`/api/v1/approvals/${approval.id}`, { token: tokens.viewer })).json()).toEqual(approval);

    const byViewer = await t.api(`/api/v1/approvals/${approval.id}`, json("POST", { decision: "approve", response: { reason: "x" } }, tokens.viewer));
    expect(byViewer.status).toBe(403);
    const offSchema = await t.api(`/api/v1/approvals/${approval.id}`, json("POST", { decision: "approve", response: { why: "x" } }, tokens.operator));
    expect(offSchema.status).toBe(400);
    expect(await offSchema.json()).toMatchObject({ pointer: "/response", detail: expect.stringMatching(/reason/) });
    expect((await t.api(`/api/v1/approvals/${approval.id}`, json("POST", { decision: "maybe" }, tokens.operator))).status).toBe(400);

    const answered = await t.api(`/api/v1/approvals/${approval.id}`, json("POST", { decision: "approve", response: { reason: "disk full" } }, tokens.operator));
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ id: approval.id, status: "approved", answeredBy: "oncall-operator", response: { reason: "disk full" }, answeredAt: expect.stringMatching(/Z$/) });

    const view = await finished(executionId);
    expect(view).toMatchObject({ status: "succeeded", output: { reason: "disk full", by: "oncall-operator" } });
    expect(view.tasks.map((r) => r.task)).toEqual(["ask", "reboot"]);

    const twice = await t.api(`/api/v1/approvals/${approval.id}`, json("POST", { decision: "reject" }, tokens.operator));
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { detail: string }).detail).toMatch(/already approved by oncall-operator/);
    expect((await t.api("/api/v1/approvals/01NOPE", { token: tokens.viewer })).status).toBe(404);
  });

  it("takes the failure branch on a rejection, and lists answered approvals", async () => {
    const { executionId, approval } = await startAndAsk("ins-2");
    const rejected = await t.api(`/api/v1/approvals/${approval.id}`, json("POST", { decision: "reject" }, tokens.operator));
    expect(await rejected.json()).toMatchObject({ status: "rejected", answeredBy: "oncall-operator", response: null });
    const view = await finished(executionId);
    expect(view.tasks.map((r) => r.task)).toEqual(["ask", "skipped"]);

    const all = (await (await t.api("/api/v1/approvals?limit=10")).json()) as { items: Approval[] };
    expect(all.items.map((a) => a.id)).toContain(approval.id);
    const stillPending = (await (await t.api("/api/v1/approvals?status=pending")).json()) as { items: Approval[] };
    expect(stillPending.items.map((a) => a.id)).not.toContain(approval.id);
    expect((await t.api("/api/v1/approvals?status=maybe")).status).toBe(400);

    const audit = (await (await t.api(`/api/v1/audit?kind=approval&id=${approval.id}`)).json()) as { items: { actor: string; action: string; detail: { executionId: string } }[] };
    expect(audit.items).toEqual([expect.objectContaining({ actor: "oncall-operator", action: "approval.reject", detail: expect.objectContaining({ executionId }) })]);
  });
});
