// Seed scenario g end to end (examples/g-disk-usage-approval/): a disk-usage alarm from the
// simulated Tencent cloud on a production instance asks the on-call chat for a confirmation,
// and only an approval answered through the API lets the TAT cleanup run, which clears the
// fault; a second alarm of the same app and host inside the throttle window asks nothing; a
// staging instance's alarm does nothing; a rejected approval is said in chat and leaves the
// disk full; and the mount point that goes into the shell line must fit the input's pattern.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExampleRun } from "../support/example-run.js";
import { startExample } from "../support/example-run.js";
import { waitFor } from "../support/reflex.js";

const WORKFLOW = "g.disk-usage-cleanup";

interface Approval {
  id: string;
  executionId: string;
  status: string;
  message: string;
  schema: unknown;
}

interface StoredEvent {
  event: { id: string; subject?: string; status?: string };
}

let run: ExampleRun;
let shop: string;
let pay: string;
let staging: string;

beforeAll(async () => {
  run = await startExample("g-disk-usage-approval", {
    instances: [
      { cloud: "tencent", name: "shop-web-1", tags: { env: "prod", app: "shop" }, dataDisks: 1 },
      { cloud: "tencent", name: "pay-api-1", tags: { env: "prod", app: "pay" }, dataDisks: 1 },
      { cloud: "tencent", name: "shop-staging-1", tags: { env: "staging", app: "shop" }, dataDisks: 1 },
    ],
  });
  [shop, pay, staging] = run.instances.map((i) => i.id) as [string, string, string];
}, 20_000);

afterAll(async () => {
  await run?.close();
});

async function getJson<T>(path: string): Promise<T> {
  const res = await run.reflex.api(path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function approvals(): Promise<Approval[]> {
  return (await getJson<{ items: Approval[] }>("/api/v1/approvals?limit=100")).items;
}

/** The pending approval whose question names `instance`. */
function pendingApprovalFor(instance: string): Promise<Approval> {
  return waitFor(async () => (await approvals()).find((a) => a.status === "pending" && a.message.includes(instance)), `a pending approval about ${instance}`);
}

async function answer(id: string, body: Record<string, unknown>): Promise<Response> {
  return run.reflex.api(`/api/v1/approvals/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** The disk-usage alarms (status "1", not the "resolved" ones) Reflex stored for `instance`, newest first, once there are `count`. */
function storedAlarms(instance: string, count: number): Promise<StoredEvent[]> {
  const path = `/api/v1/events?type=${encodeURIComponent("cvm:AlarmEvent:DiskUsage")}&subject=${instance}`;
  return waitFor(async () => {
    const items = (await getJson<{ items: StoredEvent[] }>(path)).items.filter((e) => e.event.status === "1");
    return items.length >= count ? items : undefined;
  }, `${count} disk-usage alarm(s) of ${instance} stored in Reflex`);
}

/** What the rules made of a stored event, once every match is recorded. */
async function matchesOf(eventId: string, expected: number): Promise<{ rule: string; status: string; key: string | null }[]> {
  return waitFor(async () => {
    const view = await getJson<{ lineage: { matches: { rule: string; status: string; key: string | null }[] } }>(`/api/v1/events/${encodeURIComponent(eventId)}`);
    return view.lineage.matches.length >= expected ? view.lineage.matches : undefined;
  }, `${expected} rule outcome(s) recorded for event ${eventId}`);
}

function diskUsage(instance: string): number {
  return Math.max(...run.sim.fleet.describeDisks({ instanceIds: [instance] }).map((d) => d.usagePercent));
}

function activeDiskFault(instance: string): boolean {
  return run.sim.fleet.faults({ instanceId: instance, active: true }).some((f) => f.kind === "disk_usage_high");
}

describe("examples/g-disk-usage-approval", () => {
  it("asks in chat, cleans up through TAT once approved through the API, and reports the result", async () => {
    run.sim.fleet.injectFault(shop, "disk_usage_high");
    const approval = await pendingApprovalFor(shop);
    expect(approval.message).toMatch(/Disk \/data of shop on .+ is 93\.5% full/);
    expect(approval.schema).toMatchObject({ required: ["keepDays"] });

    // The question reaches the chat with the approval's id and how to answer it.
    const ask = await run.waitForChat(new RegExp(`approve ${approval.id} -r`));
    expect(ask).toContain(shop);
    expect(ask).toContain(`reflex approvals reject ${approval.id}`);
    // Nothing is cleaned before someone answers.
    expect(activeDiskFault(shop)).toBe(true);

    // An answer that does not fit the approval's form is refused, and changes nothing.
    const wrong = await answer(approval.id, { decision: "approve", response: { keepDays: "all" } });
    expect(wrong.status).toBe(400);
    const ok = await answer(approval.id, { decision: "approve", response: { keepDays: 7 } });
    expect(ok.status).toBe(200);

    const fault = await run.waitForSim((sim) => sim.fleet.faults({ instanceId: shop }).find((f) => f.kind === "disk_usage_high" && f.clearedAt !== undefined), "the disk-usage fault of shop-web-1 cleared");
    expect(fault.clearedBy).toBeTruthy();
    expect(diskUsage(shop)).toBeLessThan(90);
    const done = await run.waitForChat(new RegExp(`${shop}\\): cleanup of /data done`));
    expect(done).toMatch(/older than 7 days deleted \(approved by /);

    const execution = await waitFor(async () => {
      const view = await getJson<{ status: string; output: unknown; tasks: { task: string; input: { command?: string } }[] }>(`/api/v1/executions/${approval.executionId}`);
      return view.status === "succeeded" ? view : undefined;
    }, "the cleanup execution to succeed");
    expect(execution.output).toEqual({ cleaned: true });
    const command = execution.tasks.find((t) => t.task === "clean")?.input.command;
    expect(command).toBe("find '/data' -xdev -type f -name '*.log*' -mtime +7 -delete && echo 'cleaned log files older than 7 days on /data' && df -P '/data' | tail -n 1");
  });

  it("throttles a second alarm of the same app and host within the window: no second approval", async () => {
    const before = (await approvals()).length;
    run.sim.fleet.injectFault(shop, "disk_usage_high");
    const [second, first] = await storedAlarms(shop, 2);
    const matches = await matchesOf(second?.event.id ?? "", 1);
    expect(matches).toEqual([expect.objectContaining({ rule: "g-disk-usage-alarm", status: "throttled" })]);
    expect(matches[0]?.key).toMatch(/^shop_/);
    const firstMatches = await matchesOf(first?.event.id ?? "", 1);
    expect(firstMatches[0]).toMatchObject({ status: "delivered", key: matches[0]?.key });
    expect(await approvals()).toHaveLength(before);
    expect(activeDiskFault(shop)).toBe(true);
  });

  it("a rejected approval is said in chat as declined, and the disk stays full", async () => {
    run.sim.fleet.injectFault(pay, "disk_usage_high");
    const approval = await pendingApprovalFor(pay);
    await run.waitForChat(new RegExp(`approve ${approval.id} -r`));
    const res = await answer(approval.id, { decision: "reject" });
    expect(res.status).toBe(200);
    const declined = await run.waitForChat(new RegExp(`${pay}\\): cleanup declined`));
    expect(declined).toMatch(/cleanup declined \(rejected by .+\); \/data stays at 93\.5%/);
    await waitFor(async () => {
      const view = await getJson<{ status: string; output: unknown }>(`/api/v1/executions/${approval.executionId}`);
      return view.status === "succeeded" ? view : undefined;
    }, "the declined execution to end");
    expect(activeDiskFault(pay)).toBe(true);
    expect(diskUsage(pay)).toBeGreaterThanOrEqual(90);
    expect(run.sim.fleet.describeInvocationTasks({ instanceIds: [pay] })).toEqual([]);
    expect(run.chat().some((text) => text.includes(`${pay}): cleanup of`))).toBe(false);
  });

  it("does nothing for an instance that is not tagged env=prod", async () => {
    const before = (await approvals()).length;
    run.sim.fleet.injectFault(staging, "disk_usage_high");
    const [alarm] = await storedAlarms(staging, 1);
    // The rule does not match the stored alarm (a backtest decides it now, not after a dispatch)…
    const backtest = await run.reflex.api("/api/v1/rules/g-disk-usage-alarm/backtest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: "1h" }) });
    const matched = ((await backtest.json()) as { items: { event: { id: string; subject: string } }[] }).items;
    expect(matched.map((m) => m.event.subject)).toContain(shop);
    expect(matched.map((m) => m.event.id)).not.toContain(alarm?.event.id);
    // … so no rule outcome is ever recorded for it, and nobody is asked.
    const view = await getJson<{ lineage: { matches: unknown[] } }>(`/api/v1/events/${encodeURIComponent(alarm?.event.id ?? "")}`);
    expect(view.lineage.matches).toEqual([]);
    expect(await approvals()).toHaveLength(before);
    expect(activeDiskFault(staging)).toBe(true);
    expect(run.chat().some((text) => text.includes(staging))).toBe(false);
  });

  it("refuses to start a cleanup whose mount point could break out of the shell line", async () => {
    const input = { instance: shop, app: "shop", host: "shop-web-1", usage: 95, mountPoint: "/data'; rm -rf / #" };
    const res = await run.reflex.api("/api/v1/executions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workflow: WORKFLOW, input }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("mountPoint");
    const items = (await getJson<{ items: { input: { mountPoint?: string } }[] }>(`/api/v1/executions?workflow=${WORKFLOW}`)).items;
    expect(items.some((e) => e.input.mountPoint?.includes("rm -rf"))).toBe(false);
  });
});
