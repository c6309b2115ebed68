// What `tencent.tat.run_command` reads from DescribeInvocationTasks: each invocation task's
// instance, status, exit code and output (base64 in the API, decoded here and cut to a byte cap
// on a character boundary), and the one-line summary of an invocation that a result and an
// error message start from.
import type { JsonObject, JsonValue } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { utf8Prefix } from "../utf8-prefix.js";

/** Statuses after which an invocation task does not change any more. */
export const FINAL_TASK_STATUSES: ReadonlySet<string> = new Set(["SUCCESS", "FAILED", "TIMEOUT", "TASK_TIMEOUT", "DELIVER_FAILED", "START_FAILED", "CANCELLED", "TERMINATED"]);

/** One invocation task: the command's run on one instance. */
export type TatTask = {
  instanceId: string;
  taskId: string;
  status: string;
  /** Null until the command has ended (or when it never started). */
  exitCode: number | null;
  output: string;
  /** True when the output was cut: by TAT (it keeps 24 KB) or by `maxOutputBytes`. */
  outputTruncated: boolean;
  /** Why TAT could not run the command (agent offline, …), or "". */
  errorInfo: string;
};

/** The tasks in an `InvocationTaskSet`, with output decoded and cut to `maxOutputBytes`. */
export function tatTasks(set: JsonValue | undefined, maxOutputBytes: number): TatTask[] {
  if (!Array.isArray(set)) return [];
  return set.filter(isJsonObject).map((raw) => {
    const result = isJsonObject(raw["TaskResult"]) ? raw["TaskResult"] : {};
    const status = text(raw["TaskStatus"]);
    const bytes = Buffer.from(text(result["Output"]), "base64");
    const kept = utf8Prefix(bytes, maxOutputBytes);
    const dropped = typeof result["Dropped"] === "number" && result["Dropped"] > 0;
    return {
      instanceId: text(raw["InstanceId"]),
      taskId: text(raw["InvocationTaskId"]),
      status,
      exitCode: FINAL_TASK_STATUSES.has(status) && typeof result["ExitCode"] === "number" ? result["ExitCode"] : null,
      output: Buffer.from(kept).toString("utf8"),
      outputTruncated: dropped || kept.byteLength < bytes.byteLength,
      errorInfo: text(raw["ErrorInfo"]),
    };
  });
}

/** True when every instance has a task and every task has ended. */
export function invocationEnded(tasks: readonly TatTask[], instanceIds: readonly string[]): boolean {
  return instanceIds.every((id) => tasks.some((t) => t.instanceId === id)) && tasks.every((t) => FINAL_TASK_STATUSES.has(t.status));
}

/** True when a task ended well: SUCCESS with exit code 0. */
export function succeeded(task: TatTask): boolean {
  return task.status === "SUCCESS" && task.exitCode === 0;
}

/**
 * The result of an invocation: its ids, then the fields of one task — the first (in the order
 * of `instanceIds`) that did not succeed, else the first — and every task under `tasks`.
 */
export function invocationResult(invocationId: string, commandId: string, tasks: readonly TatTask[], instanceIds: readonly string[]): JsonObject {
  const ordered = byInstance(tasks, instanceIds);
  const shown = ordered.find((t) => !succeeded(t)) ?? ordered[0] ?? pendingTask("");
  return {
    invocationId,
    commandId,
    taskId: shown.taskId,
    instanceId: shown.instanceId,
    status: shown.status,
    exitCode: shown.exitCode,
    output: shown.output,
    outputTruncated: shown.outputTruncated,
    errorInfo: shown.errorInfo,
    tasks: ordered,
  };
}

/** One task per instance, in the order of `instanceIds`; a PENDING one for an instance TAT has not listed yet. */
export function byInstance(tasks: readonly TatTask[], instanceIds: readonly string[]): TatTask[] {
  return instanceIds.map((id) => tasks.find((t) => t.instanceId === id) ?? pendingTask(id));
}

/** A task TAT has not listed yet. */
function pendingTask(instanceId: string): TatTask {
  return { instanceId, taskId: "", status: "PENDING", exitCode: null, output: "", outputTruncated: false, errorInfo: "" };
}

function text(value: JsonValue | undefined): string {
  return typeof value === "string" ? value : "";
}
