// `reflex run`, `reflex executions …`, `reflex approvals …`, `reflex workflows …`,
// `reflex actions list` and the pause switch as users run them: a real CLI process against a
// running Reflex. `run --wait` follows the execution over the event stream and exits 0 only
// when it succeeded; every failure is one line and a non-zero exit.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { DEMO_FANOUT_YAML } from "../support/examples.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

const WORKFLOWS = `${DEMO_FANOUT_YAML}---
kind: Workflow
name: greet
input:
  who: {type: string}
  times: {type: integer, default: 1}
tasks:
  say:
    action: core.shell
    input: {argv: [echo, "{{ 'hello ' & ctx.who }}"]}
output: {who: "{{ ctx.who }}", times: "{{ ctx.times }}"}
---
kind: Workflow
name: broken
tasks:
  boom: {action: core.fail, input: {message: the disk is full}}
---
kind: Workflow
name: ask
tasks:
  ask:
    action: core.approve
    input: {message: restart the service?, schema: {type: object, required: [reason]}}
    next: [{when: "{{ $succeeded() }}", publish: {reason: "{{ result.response.reason }}"}, do: [go]}]
  go: {action: core.noop}
output: {reason: "{{ ctx.reason }}"}
---
kind: Workflow
name: long
tasks:
  wait: {action: core.sleep, input: {seconds: 30}}
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function reflex(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...process.env, ...env, ...extra }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err && typeof err.code === "number" ? err.code : err ? 1 : 0, stdout, stderr });
    });
  });
}

let t: TestReflex;
let env: Record<string, string>;
beforeAll(async () => {
  t = await startTestReflex({ configDir: writeConfigDir({ "workflows.yaml": WORKFLOWS }) });
  env = { REFLEX_URL: t.url, REFLEX_TOKEN: t.adminToken };
});
afterAll(async () => t?.stop());

/** Starts an execution through the API (the commands under test are the others). */
async function start(workflow: string, input: Record<string, unknown> = {}): Promise<string> {
  const res = await t.api("/api/v1/executions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workflow, input }) });
  return ((await res.json()) as { id: string }).id;
}

async function status(id: string): Promise<string> {
  return ((await (await t.api(`/api/v1/executions/${id}`)).json()) as { status: string }).status;
}

describe("reflex run", () => {
  it("runs a workflow to the end and prints the succeeded execution", async () => {
    const [asJson, human] = await Promise.all([reflex(["run", "demo.fanout", "--input", "n=21", "--wait", "--json"]), reflex(["run", "demo.fanout", "-i", "n=4", "--wait"])]);
    expect(asJson.code).toBe(0);
    const view = JSON.parse(asJson.stdout) as { status: string; output: unknown; input: unknown; tasks: { task: string }[] };
    expect(view).toMatchObject({ status: "succeeded", input: { n: 21 }, output: { doubled: 42 } });
    expect(view.tasks.filter((r) => r.task === "joined")).toHaveLength(1);

    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^started execution \S+ of demo\.fanout; following it/);
    expect(human.stdout).toMatch(/^ {2}joined: succeeded$/m);
    expect(human.stdout).toMatch(/^execution \S+ {2}demo\.fanout {2}succeeded$/m);
    expect(human.stdout).toContain('output    {"doubled":8}');
    expect(human.stdout).toMatch(/^TASK\s+STATUS\s+ATTEMPT/m);
  });

  it("reads values as JSON when they are JSON, merges --input-json, and starts without waiting", async () => {
    const started = await reflex(["--json", "run", "greet", "--input-json", '{"who": "nobody", "times": 2}', "--input", "who=ops team"]);
    expect(started.code).toBe(0);
    const { id } = JSON.parse(started.stdout) as { id: string };
    await waitFor(async () => ((await status(id)) === "succeeded" ? true : undefined), "greet to succeed");
    const view = (await (await t.api(`/api/v1/executions/${id}`)).json()) as { output: unknown };
    expect(view.output).toEqual({ who: "ops team", times: 2 });

    const plain = await reflex(["run", "greet", "--input", "who=x"]);
    expect(plain.stdout).toMatch(/^started execution \S+ of greet \(running\)\n$/);
  });

  it("exits non-zero with one line when the execution does not succeed, or the input is wrong", async () => {
    const [failed, badPair, badType, unknown] = await Promise.all([
      reflex(["run", "broken", "--wait"]),
      reflex(["run", "demo.fanout", "--input", "n"]),
      reflex(["run", "greet", "--input", "who=x", "--input", "times=many"]),
      reflex(["run", "nope"]),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/boom: failed/);
    expect(failed.stderr).toMatch(/^reflex: execution \S+ failed: .*the disk is full.*\n$/);
    expect(badPair.code).toBe(2);
    expect(badPair.stderr).toMatch(/^reflex: --input 'n' is not key=value/);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/times/);
    expect(badType.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/workflow 'nope' was not found/);
  });
});

describe("reflex executions and approvals", () => {
  it("lists, shows, prints the logs of and reruns executions", async () => {
    await start("greet", { who: "earlier" });
    const greeted = await start("greet", { who: "logs" });
    await waitFor(async () => ((await status(greeted)) === "succeeded" ? true : undefined), "greet to succeed");
    const [list, get, logs, rerun, recent, future] = await Promise.all([
      reflex(["executions", "list", "--workflow", "greet", "-n", "1"]),
      reflex(["executions", "get", greeted]),
      reflex(["executions", "logs", greeted]),
      reflex(["executions", "rerun", greeted, "--task", "say"]),
      reflex(["executions", "list", "--workflow", "greet", "--since", "1h", "--json"]),
      reflex(["executions", "list", "--workflow", "greet", "--until", "1h", "--json"]),
    ]);
    expect((JSON.parse(recent.stdout) as { items: { id: string }[] }).items.map((e) => e.id)).toContain(greeted);
    expect(JSON.parse(future.stdout)).toEqual({ items: [], nextCursor: null });
    expect(list.stdout).toMatch(/^ID\s+WORKFLOW\s+STATUS\s+CREATED\s+TOOK\s+ERROR$/m);
    expect(list.stdout).toMatch(/^\S+\s+greet\s+(running|succeeded)\s/m);
    expect(list.stdout).toMatch(/^more: --cursor \S+$/m);
    expect(get.stdout).toMatch(new RegExp(`^execution ${greeted} {2}greet {2}succeeded$`, "m"));
    expect(get.stdout).toMatch(/^say\s+succeeded\s+1\s/m);
    expect(logs.stdout).toMatch(/^\S+Z say#1 stdout: hello logs$/m);
    expect(rerun.code).toBe(0);
    const newId = /^started execution (\S+) \(rerun of /.exec(rerun.stdout)?.[1] ?? "";
    await waitFor(async () => ((await status(newId)) === "succeeded" ? true : undefined), "the rerun to succeed");
  });

  it("pauses, resumes and cancels an execution", async () => {
    const long = await start("long");
    await waitFor(async () => ((await status(long)) === "running" ? true : undefined), "long to run");
    const paused = await reflex(["executions", "pause", long]);
    expect(paused.stdout).toMatch(new RegExp(`^execution ${long} is paus(ing|ed)\\n$`));
    const resumed = await reflex(["executions", "resume", long]);
    expect(resumed.stdout).toMatch(/is running/);
    const canceled = await reflex(["--json", "executions", "cancel", long]);
    expect((JSON.parse(canceled.stdout) as { status: string }).status).toMatch(/^cancel(ing|ed)$/);
    await waitFor(async () => ((await status(long)) === "canceled" ? true : undefined), "long to be canceled");
    const again = await reflex(["executions", "cancel", long]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^reflex: .*409: execution \S+ already ended \(canceled\)/);
  });

  it("lists a pending approval and approves it with a response", async () => {
    const id = await start("ask");
    await waitFor(async () => ((await status(id)) === "pending" ? true : undefined), "the approval");
    const list = await reflex(["approvals", "list", "--status", "pending", "--execution", id]);
    expect(list.stdout).toMatch(/^ID\s+EXECUTION\s+STATUS\s+MESSAGE/m);
    const approvalId = new RegExp(`^(\\S+)\\s+${id}\\s+pending\\s+restart the service\\?`, "m").exec(list.stdout)?.[1];
    expect(approvalId).toBeDefined();

    const [offSchema, notJson] = await Promise.all([reflex(["approvals", "approve", approvalId ?? "", "--response", "{}"]), reflex(["approvals", "approve", approvalId ?? "", "--response", "because"])]);
    expect(offSchema.code).toBe(2);
    expect(offSchema.stderr).toMatch(/reason/);
    expect(notJson.stderr).toMatch(/^reflex: --response is not JSON/);

    const approved = await reflex(["approvals", "approve", approvalId ?? "", "--response", '{"reason": "disk full"}']);
    expect(approved).toMatchObject({ code: 0, stdout: `approval ${approvalId} approved by bootstrap-admin\n` });
    await waitFor(async () => ((await status(id)) === "succeeded" ? true : undefined), "the workflow to go on");
    const view = (await (await t.api(`/api/v1/executions/${id}`)).json()) as { output: unknown };
    expect(view.output).toEqual({ reason: "disk full" });
  });

  it("rejects a pending approval", async () => {
    const id = await start("ask");
    await waitFor(async () => ((await status(id)) === "pending" ? true : undefined), "the approval");
    const [approval] = ((await (await t.api(`/api/v1/approvals?executionId=${id}`)).json()) as { items: { id: string }[] }).items;
    const rejected = await reflex(["approvals", "reject", approval?.id ?? ""]);
    expect(rejected.stdout).toBe(`approval ${approval?.id} rejected by bootstrap-admin\n`);
  });
});

describe("reflex workflows, actions and the pause switch", () => {
  it("lists and shows workflows and actions, and refuses to re-arm a closed breaker", async () => {
    const [list, get, actions, rearm] = await Promise.all([reflex(["workflows", "list"]), reflex(["workflows", "get", "greet"]), reflex(["actions", "list"]), reflex(["workflows", "rearm", "demo.fanout"])]);
    expect(list.stdout).toMatch(/^NAME\s+INPUTS\s+TASKS\s+ORIGIN/m);
    expect(list.stdout).toMatch(/^demo\.fanout\s+n\s+4\s+\S+workflows\.yaml:6\s/m);
    expect(list.stdout).toMatch(/^greet\s+who,times\?\s+1\s/m);
    expect(JSON.parse(get.stdout)).toMatchObject({ name: "greet", guards: { circuitOpen: false } });
    expect(actions.stdout).toMatch(/^core\.shell\s+argv\s+\d+ s\s+Runs a command/m);
    expect(rearm.code).toBe(2);
    expect(rearm.stderr).toMatch(/^reflex: .*not open\n$/);
  });

  it("turns the global pause switch on and off", async () => {
    const on = await reflex(["pause-all"]);
    expect(on).toMatchObject({ code: 0, stdout: expect.stringMatching(/^paused all: \d+ execution\(s\) paused/) });
    expect(await (await t.api("/api/v1/engine")).json()).toEqual({ pausedAll: true });
    const off = await reflex(["--json", "resume-all"]);
    expect(JSON.parse(off.stdout)).toMatchObject({ pausedAll: false });
    const viewer = (await (await t.api("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "cli-viewer", role: "viewer" }) })).json()) as { token: string };
    const refused = await reflex(["pause-all"], { REFLEX_TOKEN: viewer.token });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/403: token 'cli-viewer' has role viewer; this route needs admin/);
  });
});
