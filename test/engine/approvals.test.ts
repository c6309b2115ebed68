// Approvals: a `core.approve` task waits in `pending` — across a restart of the engine — until
// someone allowed answers (the answer, its response and who gave it are kept), or until its
// timeout applies the default decision. Also the budget guard, which asks for an approval
// instead of running once a workflow's budget is used up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEngine } from "../support/engine.js";
import { FINISHED, runsOf, startTestEngine } from "../support/engine.js";

const WORKFLOWS = `
kind: Workflow
name: guarded-reboot
input: [instance]
tasks:
  ask:
    action: core.approve
    input:
      message: "{{ 'Reboot ' & ctx.instance & '?' }}"
      approvers: {roles: [operator], users: [oncall-lead]}
      schema: {type: object, properties: {reason: {type: string}}, required: [reason]}
    next:
      - when: "{{ $succeeded() }}"
        publish: {reason: "{{ result.response.reason }}", by: "{{ result.by }}"}
        do: [reboot]
      - when: "{{ $failed() }}"
        do: [noop]
  reboot: {action: core.echo, input: {message: "{{ 'rebooting ' & ctx.instance }}"}}
output: {reason: "{{ ctx.reason }}", by: "{{ ctx.by }}"}
---
kind: Workflow
name: auto-approve
tasks:
  ask:
    action: core.approve
    input: {message: proceed?, timeout: 0.3, default: approve}
    next: [{when: "{{ $succeeded() }}", do: [go]}]
  go: {action: core.noop}
---
kind: Workflow
name: budgeted
budget: {max: 2, per: 10m}
tasks:
  fix: {action: core.noop}
`;

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS);
});
afterAll(async () => engine?.close());

async function pendingApproval(executionId: string) {
  await engine.waitForStatus(executionId, ["pending"]);
  const [approval] = await engine.service.approvals({ executionId, status: "pending", limit: 5 });
  if (!approval) throw new Error(`no pending approval for ${executionId}`);
  return approval;
}

describe("core.approve", () => {
  it("waits across a restart, refuses answerers not allowed and responses off-schema, then goes on", async () => {
    const { id } = await engine.service.start("guarded-reboot", { instance: "ins-1" }, "test");
    const approval = await pendingApproval(id);
    expect(approval.message).toBe("Reboot ins-1?");
    expect(engine.emitted).toContainEqual({ type: "reflex.approval.requested", subject: approval.id, data: expect.objectContaining({ executionId: id, workflow: "guarded-reboot", message: "Reboot ins-1?" }) });

    await engine.restart();
    expect((await engine.service.get(id)).status).toBe("pending");

    await expect(engine.service.answer(String(approval.id), "approve", { reason: "x" }, { name: "mallory", role: "viewer" })).rejects.toThrow(/may not answer/);
    await expect(engine.service.answer(String(approval.id), "approve", {}, { name: "oncall-lead", role: "viewer" })).rejects.toThrow(/\/response.*reason/);
    await engine.service.answer(String(approval.id), "approve", { reason: "disk full" }, { name: "oncall-lead", role: "viewer" });

    const view = await engine.waitForStatus(id, FINISHED);
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ reason: "disk full", by: "oncall-lead" });
    expect(runsOf(view, "reboot")[0]?.result).toEqual({ message: "rebooting ins-1" });
    const answered = await engine.service.approval(String(approval.id));
    expect(answered).toMatchObject({ status: "approved", answeredBy: "oncall-lead", response: { reason: "disk full" } });
    await expect(engine.service.answer(String(approval.id), "reject", null, { name: "oncall-lead", role: "operator" })).rejects.toThrow(/already approved/);
  });

  it("takes the failure branch when rejected", async () => {
    const { id } = await engine.service.start("guarded-reboot", { instance: "ins-2" }, "test");
    const approval = await pendingApproval(id);
    await engine.service.answer(String(approval.id), "reject", null, { name: "op", role: "operator" });
    const view = await engine.waitForStatus(id, FINISHED);
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "reboot")).toHaveLength(0);
    expect(runsOf(view, "ask")[0]?.status).toBe("failed");
  });

  it("applies the default decision when nobody answers in time", async () => {
    const view = await engine.run("auto-approve");
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "ask")[0]?.result).toMatchObject({ decision: "approve", by: "timeout", status: "expired" });
    expect(runsOf(view, "go")).toHaveLength(1);
  });
});

describe("budget", () => {
  it("asks for an approval once the budget is used up, and runs when approved", async () => {
    expect((await engine.run("budgeted")).status).toBe("succeeded");
    expect((await engine.run("budgeted")).status).toBe("succeeded");
    const { id, status } = await engine.service.start("budgeted", {}, "test");
    expect(status).toBe("pending");
    const approval = await pendingApproval(id);
    expect(approval.kind).toBe("budget");
    expect(String(approval.message)).toContain("budget");
    await engine.service.answer(String(approval.id), "approve", null, { name: "lead", role: "admin" });
    expect((await engine.waitForStatus(id, FINISHED)).status).toBe("succeeded");

    const rejected = await engine.service.start("budgeted", {}, "test");
    const second = await pendingApproval(rejected.id);
    await engine.service.answer(String(second.id), "reject", null, { name: "lead", role: "admin" });
    const view = await engine.waitForStatus(rejected.id, FINISHED);
    expect(view.status).toBe("canceled");
    expect(view.tasks).toEqual([]);
  });
});

describe("approvers", () => {
  it("lets a role answer for the roles it includes: an admin answers an operators' approval", async () => {
    const { id } = await engine.service.start("guarded-reboot", { instance: "ins-3" }, "test");
    const approval = await pendingApproval(id);
    await engine.service.answer(String(approval.id), "approve", { reason: "admin on call" }, { name: "root", role: "admin" });
    expect((await engine.waitForStatus(id, FINISHED)).status).toBe("succeeded");
  });
});
