// TAT (TencentCloud Automation Tools, API 2020-10-28) as the simulator answers it: RunCommand
// takes the command base64-encoded in `Content` (as the pack's tencent.tat.run_command sends
// it) and starts an invocation on RUNNING instances whose agent is online; DescribeInvocation-
// Tasks reports each instance's task, its status and result (exit code, output base64) — hidden
// unless `HideOutput` is false, TAT's default.
import type { TencentCall, TencentHandler } from "./tencent-call.js";
import { instancesInRegion } from "./tencent-call.js";
import { TencentApiError, filters, integer, optionalBoolean, optionalString, optionalStrings, page, passes, requiredString, requiredStrings } from "./tencent-params.js";
import type { SimInvocationTask } from "./types.js";
import { isoSeconds } from "./vendor-time.js";

const TASK_FILTERS = ["invocation-id", "invocation-task-id", "instance-id", "command-id"];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_CONTENT = 64 * 1024;

/** The TAT actions by name. */
export const TAT_ACTIONS: Readonly<Record<string, TencentHandler>> = {
  RunCommand: runCommand,
  DescribeInvocationTasks: describeInvocationTasks,
};

/** The CommandId TAT shows for an invocation (one unsaved command per invocation). */
export function commandIdOf(invocationId: string): string {
  return `cmd-${invocationId.replace(/^inv-/, "")}`;
}

function runCommand(call: TencentCall): Record<string, unknown> {
  const content = requiredString(call.params, "Content");
  if (content.length > MAX_CONTENT) throw new TencentApiError("InvalidParameterValue.CommandContentInvalid", `Content is ${content.length} bytes; at most ${MAX_CONTENT} are allowed.`);
  if (!BASE64.test(content)) throw new TencentApiError("InvalidParameterValue.CommandContentInvalid", "Content must be the command encoded in base64.");
  const ids = requiredStrings(call.params, "InstanceIds", 200);
  const type = optionalString(call.params, "CommandType") ?? "SHELL";
  if (!["SHELL", "POWERSHELL", "BAT"].includes(type)) throw new TencentApiError("InvalidParameterValue", `CommandType '${type}' is not one of SHELL, POWERSHELL, BAT.`);
  integer(call.params, "Timeout", 60, 1, 86_400);
  instancesInRegion(call, ids);
  const invocation = call.fleet.runCommand(ids, Buffer.from(content, "base64").toString("utf8"));
  return { CommandId: commandIdOf(invocation.id), InvocationId: invocation.id };
}

function describeInvocationTasks(call: TencentCall): Record<string, unknown> {
  const taskIds = optionalStrings(call.params, "InvocationTaskIds");
  const f = filters(call.params, TASK_FILTERS, "InvocationTaskIds");
  const offset = integer(call.params, "Offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = integer(call.params, "Limit", 20, 1, 100);
  const hideOutput = optionalBoolean(call.params, "HideOutput") ?? true;
  const commandIds = f.get("command-id");
  const tasks = call.fleet
    .describeInvocationTasks({
      ...(taskIds && taskIds.length > 0 ? { taskIds } : {}),
      ...(f.has("invocation-id") ? { invocationIds: f.get("invocation-id") } : {}),
      ...(f.has("instance-id") ? { instanceIds: f.get("instance-id") } : {}),
    })
    .filter((t) => passes(f, "invocation-task-id", t.id) && (!commandIds || commandIds.includes(commandIdOf(t.invocationId))));
  return { TotalCount: tasks.length, InvocationTaskSet: page(tasks, offset, limit).map((t) => tatTask(t, hideOutput)) };
}

function tatTask(t: SimInvocationTask, hideOutput: boolean): Record<string, unknown> {
  const ended = t.status === "SUCCESS" || t.status === "FAILED";
  return {
    InvocationId: t.invocationId,
    InvocationTaskId: t.id,
    CommandId: commandIdOf(t.invocationId),
    TaskStatus: t.status,
    InstanceId: t.instanceId,
    TaskResult: {
      ExitCode: ended ? (t.exitCode ?? 0) : 0,
      Output: hideOutput ? "" : Buffer.from(t.output, "utf8").toString("base64"),
      ExecStartTime: isoSeconds(t.startedAt),
      ExecEndTime: isoSeconds(t.finishedAt),
      Dropped: 0,
      OutputUrl: "",
      OutputUploadCOSErrorInfo: "",
    },
    StartTime: isoSeconds(t.startedAt),
    EndTime: isoSeconds(t.finishedAt),
    CreatedTime: isoSeconds(t.startedAt),
    UpdatedTime: isoSeconds(t.finishedAt ?? t.startedAt),
    ErrorInfo: "",
    InvocationSource: "USER",
  };
}
