// `tencent.tat.run_command` and `tencent.tat.describe_invocation_tasks` through the SDK's
// CommonClient against the loopback Tencent Cloud (signatures verified): the command sent
// base64-encoded, polling until the invocation ends, output decoded and capped, a failing exit
// kept as the error's result, a throttled poll tried again, the deadline, and an abort.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ActionError, ActionRegistry } from "../../src/actions/index.js";
import type { AnyActionDefinition } from "../../src/actions/index.js";
import { createTencentPack } from "../../src/actions/tencent/pack.js";
import type { JsonValue } from "../../src/core/json.js";
import { rejection, testRun } from "./support.js";
import { SECRETS, startTencentCloud } from "./tencent-cloud.js";
import type { TencentCloud } from "./tencent-cloud.js";

let cloud: TencentCloud;
let registry: ActionRegistry;

beforeAll(async () => {
  cloud = await startTencentCloud();
  registry = new ActionRegistry().register(...createTencentPack({ endpoint: cloud.url, tatPollIntervalMs: 5 }));
});

afterAll(async () => {
  await cloud.close();
});

afterEach(() => {
  cloud.onPoll = undefined;
});

function action(ref: string, reg = registry): AnyActionDefinition {
  return reg.get(ref) as AnyActionDefinition;
}

async function runCommand(input: JsonValue, options: { signal?: AbortSignal; reg?: ActionRegistry } = {}): Promise<Record<string, unknown>> {
  (options.reg ?? registry).validateInput("tencent.tat.run_command", input);
  const run = testRun({ secrets: SECRETS, ...(options.signal ? { signal: options.signal } : {}) });
  return (await action("tencent.tat.run_command", options.reg).run(input, run.ctx)) as Record<string, unknown>;
}

describe("tencent.tat.run_command", () => {
  it("sends the command base64-encoded, polls until the task ends, and returns exit code and decoded output", async () => {
    const run = testRun({ secrets: SECRETS });
    const input = { region: "ap-guangzhou", instanceIds: ["ins-web1"], command: "systemctl restart app", timeoutSeconds: 120, workingDirectory: "/srv" };
    const result = (await action("tencent.tat.run_command").run(input, run.ctx)) as Record<string, unknown>;
    expect(result).toEqual({
      invocationId: expect.stringMatching(/^inv-/),
      commandId: expect.stringMatching(/^cmd-/),
      taskId: expect.stringMatching(/^invt-/),
      instanceId: "ins-web1",
      status: "SUCCESS",
      exitCode: 0,
      output: "hello from ins-web1\n",
      outputTruncated: false,
      errorInfo: "",
      tasks: [expect.objectContaining({ instanceId: "ins-web1", status: "SUCCESS", exitCode: 0 })],
    });
    const sent = cloud.requests.filter((r) => r.headers["x-tc-action"] === "RunCommand").at(-1);
    expect(sent?.headers["host"]).toBe("tat.tencentcloudapi.com");
    expect(JSON.parse(sent?.body.toString() ?? "")).toEqual({
      Content: Buffer.from("systemctl restart app").toString("base64"),
      InstanceIds: ["ins-web1"],
      WorkingDirectory: "/srv",
      Timeout: 120,
    });
    expect(cloud.invocations.get(result["invocationId"] as string)?.polls).toBe(3);
    expect(cloud.verdicts.slice(-4).every((v) => v.ok && v.service === "tat")).toBe(true);
    expect(run.lines("info")).toEqual([
      expect.stringMatching(/^RunCommand on ins-web1 in ap-guangzhou: invocation inv-\w+ \(RequestId [0-9a-f-]{36}\)$/),
      "ins-web1: SUCCESS, exit code 0",
    ]);
  });

  it("fails on a non-zero exit with the result kept: the failing task first, every task listed", async () => {
    const err = await rejection(runCommand({ region: "ap-guangzhou", instanceIds: ["ins-web1", "ins-web2"], command: "exit 3" }));
    expect(err).toBeInstanceOf(ActionError);
    const failure = err as ActionError;
    expect(failure.code).toBe("tat_failed");
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/^tencent\.tat\.run_command: invocation inv-\w+: 1 of 2 tasks did not succeed; first: ins-web2 ended FAILED with exit code 3: Job for app\.service failed$/);
    expect(failure.result).toMatchObject({
      instanceId: "ins-web2",
      status: "FAILED",
      exitCode: 3,
      output: "restarting app\nJob for app.service failed\n",
      tasks: [{ instanceId: "ins-web1", status: "SUCCESS", exitCode: 0 }, { instanceId: "ins-web2", status: "FAILED", exitCode: 3 }],
    });
  });

  it("caps the output at maxOutputBytes on a character boundary", async () => {
    const result = await runCommand({ region: "ap-guangzhou", instanceIds: ["ins-web1"], command: "echo", maxOutputBytes: 5 });
    expect(result).toMatchObject({ output: "hello", outputTruncated: true });
  });

  it("tries a throttled poll again instead of failing", async () => {
    const run = testRun({ secrets: SECRETS });
    const result = (await action("tencent.tat.run_command").run({ region: "ap-guangzhou", instanceIds: ["ins-web1"], command: "flaky" }, run.ctx)) as Record<string, unknown>;
    expect(result["status"]).toBe("SUCCESS");
    expect(run.lines("info")).toContainEqual(expect.stringMatching(/^DescribeInvocationTasks failed, trying again: .*RequestLimitExceeded/));
  });

  it("stops at its abort signal with what it knows of the invocation", async () => {
    const controller = new AbortController();
    cloud.onPoll = (poll) => {
      if (poll === 2) controller.abort("the execution was canceled");
    };
    const err = await rejection(runCommand({ region: "ap-guangzhou", instanceIds: ["ins-web1"], command: "sleep" }, { signal: controller.signal }));
    expect(err).toMatchObject({ code: "action_aborted", message: "tencent.tat.run_command was stopped: the execution was canceled" });
    expect((err as ActionError).result).toMatchObject({ invocationId: expect.stringMatching(/^inv-/), instanceId: "ins-web1", status: "RUNNING", exitCode: null });
  });

  it("gives up when the command's timeout and the delivery grace have passed", async () => {
    const quick = new ActionRegistry().register(...createTencentPack({ endpoint: cloud.url, tatPollIntervalMs: 20, tatGraceMs: 0 }));
    const err = await rejection(runCommand({ region: "ap-guangzhou", instanceIds: ["ins-web1"], command: "sleep", timeoutSeconds: 1 }, { reg: quick }));
    expect(err).toMatchObject({ code: "tat_timeout", retryable: true });
    expect((err as Error).message).toMatch(/^tencent\.tat\.run_command: invocation inv-\w+ had not ended within its 1 s timeout and 0 s for delivery \(tasks: RUNNING\)$/);
    expect((err as ActionError).result).toMatchObject({ status: "RUNNING" });
  });

  it("fails at once when RunCommand itself is refused", async () => {
    const err = await rejection(runCommand({ region: "ap-guangzhou", instanceIds: ["ins-busy"], command: "uptime" }));
    expect(err).toMatchObject({ code: "tencent_api_error", retryable: true });
    expect((err as Error).message).toMatch(/^tencent\.tat\.run_command: RunCommand in ap-guangzhou failed: RequestLimitExceeded/);
  });
});

describe("tencent.tat.describe_invocation_tasks", () => {
  it("returns the API's InvocationTaskSet, output base64 as TAT keeps it", async () => {
    const ran = await runCommand({ region: "ap-guangzhou", instanceIds: ["ins-web2"], command: "uptime" });
    const input = { region: "ap-guangzhou", filters: [{ name: "invocation-id", values: [ran["invocationId"] as string] }], hideOutput: false };
    registry.validateInput("tencent.tat.describe_invocation_tasks", input);
    const result = (await action("tencent.tat.describe_invocation_tasks").run(input, testRun({ secrets: SECRETS }).ctx)) as Record<string, unknown>;
    expect(result).toMatchObject({
      TotalCount: 1,
      InvocationTaskSet: [{ InstanceId: "ins-web2", TaskStatus: "SUCCESS", TaskResult: { ExitCode: 0, Output: Buffer.from("hello from ins-web2\n").toString("base64") } }],
      RequestId: expect.any(String),
    });
  });
});
