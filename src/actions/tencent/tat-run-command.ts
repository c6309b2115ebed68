// `tencent.tat.run_command`: runs a command on instances through TAT (the automation agent on
// CVM and Lighthouse) and waits for it, the way an operator would wait at a terminal: RunCommand
// with the command base64-encoded, then DescribeInvocationTasks every poll interval until every
// instance's task has ended, or the command's own timeout plus a grace for delivery has passed,
// or the run is aborted. A throttled or failed poll is logged and tried again; only the end of
// the command decides the task. Success is SUCCESS with exit code 0 on every instance; anything
// else fails with the result kept, so `next` can read `result.exitCode` and `result.output`.
import { setTimeout as sleep } from "node:timers/promises";
import { ValidationError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import { ActionError } from "../action-error.js";
import { abortedError } from "../core/aborted-error.js";
import type { ActionContext, ActionDefinition } from "../types.js";
import { REGION, idList } from "./schemas.js";
import { byInstance, invocationEnded, invocationResult, succeeded, tatTasks } from "./tat-tasks.js";
import type { TatTask } from "./tat-tasks.js";
import type { TencentApi } from "./tencent-api.js";

const REF = "tencent.tat.run_command";

/** TAT's default command timeout, in seconds. */
export const DEFAULT_TAT_TIMEOUT_SECONDS = 60;
/** TAT's longest command timeout, in seconds. */
export const MAX_TAT_TIMEOUT_SECONDS = 86_400;
/** Output bytes kept per task unless the input sets `maxOutputBytes` (TAT itself keeps 24 KB). */
export const DEFAULT_TAT_OUTPUT_BYTES = 24 * 1024;
/** TAT refuses command content longer than this once base64-encoded. */
const MAX_CONTENT_BYTES = 64 * 1024;

/** Input of `tencent.tat.run_command`. */
export type RunCommandInput = {
  region: string;
  instanceIds: string[];
  /** The command text (a shell script for SHELL); sent base64-encoded. */
  command: string;
  commandType?: "SHELL" | "POWERSHELL" | "BAT";
  workingDirectory?: string;
  timeoutSeconds?: number;
  username?: string;
  commandName?: string;
  maxOutputBytes?: number;
};

/** How the action waits for an invocation. */
export interface TatPolling {
  /** Pause between two DescribeInvocationTasks calls. */
  intervalMs: number;
  /** How long past the command's timeout to keep waiting (delivery to the agent takes time). */
  graceMs: number;
}

/** `tencent.tat.run_command` calling through `api`. */
export function runCommandAction(api: TencentApi, polling: TatPolling): ActionDefinition<RunCommandInput> {
  return {
    ref: REF,
    description: "Runs a command on instances with TAT and waits for it; returns {invocationId, taskId, status, exitCode, output, tasks}.",
    inputSchema: {
      type: "object",
      additionalProperties: false,
      required: ["region", "instanceIds", "command"],
      properties: {
        region: REGION,
        instanceIds: idList("instance"),
        command: { type: "string", minLength: 1, description: "the command text; at most 64 KiB once base64-encoded" },
        commandType: { enum: ["SHELL", "POWERSHELL", "BAT"] },
        workingDirectory: { type: "string", minLength: 1, maxLength: 1024 },
        timeoutSeconds: { type: "integer", minimum: 1, maximum: MAX_TAT_TIMEOUT_SECONDS },
        username: { type: "string", minLength: 1, maxLength: 64 },
        commandName: { type: "string", minLength: 1, maxLength: 60 },
        maxOutputBytes: { type: "integer", minimum: 0, maximum: 1024 * 1024 },
      },
    },
    // The longest command, the grace, and a minute to spare; the input's timeoutSeconds is the real bound.
    timeoutMs: MAX_TAT_TIMEOUT_SECONDS * 1000 + polling.graceMs + 60_000,
    secrets: api.secretNames,
    run: async (input, ctx) => {
      const content = Buffer.from(input.command, "utf8").toString("base64");
      if (content.length > MAX_CONTENT_BYTES) throw new ValidationError(`${REF} input /command: ${content.length} bytes once base64-encoded; TAT takes at most ${MAX_CONTENT_BYTES}`, { pointer: "/command" });
      const timeoutSeconds = input.timeoutSeconds ?? DEFAULT_TAT_TIMEOUT_SECONDS;
      const started = await api.call(REF, ctx, "tat", "RunCommand", input.region, {
        Content: content,
        InstanceIds: input.instanceIds,
        CommandType: input.commandType,
        WorkingDirectory: input.workingDirectory,
        Timeout: timeoutSeconds,
        Username: input.username,
        CommandName: input.commandName,
      });
      const invocationId = typeof started["InvocationId"] === "string" ? started["InvocationId"] : "";
      const commandId = typeof started["CommandId"] === "string" ? started["CommandId"] : "";
      if (invocationId === "") throw new ActionError(`${REF}: RunCommand in ${input.region} answered without an InvocationId`, { code: "tencent_bad_response" });
      ctx.log.info(`RunCommand on ${input.instanceIds.join(", ")} in ${input.region}: invocation ${invocationId} (RequestId ${String(started["RequestId"] ?? "-")})`);

      const tasks = byInstance(await waitForInvocation(api, ctx, input, invocationId, commandId, polling), input.instanceIds);
      const result = invocationResult(invocationId, commandId, tasks, input.instanceIds);
      for (const task of tasks) ctx.log.info(`${task.instanceId}: ${task.status}, exit code ${task.exitCode ?? "none"}${task.errorInfo ? `, ${task.errorInfo}` : ""}`);
      const failed = tasks.filter((t) => !succeeded(t));
      if (failed.length > 0) throw new ActionError(failureMessage(invocationId, failed, tasks.length), { code: "tat_failed", result });
      return result;
    },
  };
}

/** Polls until the invocation has ended; rejects at the deadline or when the run is aborted. */
async function waitForInvocation(api: TencentApi, ctx: ActionContext, input: RunCommandInput, invocationId: string, commandId: string, polling: TatPolling): Promise<TatTask[]> {
  const maxOutputBytes = input.maxOutputBytes ?? DEFAULT_TAT_OUTPUT_BYTES;
  const timeoutSeconds = input.timeoutSeconds ?? DEFAULT_TAT_TIMEOUT_SECONDS;
  const deadline = Date.now() + timeoutSeconds * 1000 + polling.graceMs;
  let tasks: TatTask[] = [];
  const soFar = (): JsonObject => invocationResult(invocationId, commandId, tasks, input.instanceIds);
  for (;;) {
    try {
      const page = await api.call(REF, ctx, "tat", "DescribeInvocationTasks", input.region, {
        Filters: [{ Name: "invocation-id", Values: [invocationId] }],
        Limit: 100,
        HideOutput: false,
      });
      tasks = tatTasks(page["InvocationTaskSet"], maxOutputBytes);
      if (invocationEnded(tasks, input.instanceIds)) return tasks;
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      if (!err.retryable || err.code === "action_aborted") throw new ActionError(err.message, { code: err.code, retryable: err.retryable, result: soFar(), cause: err });
      ctx.log.info(`DescribeInvocationTasks failed, trying again: ${err.message}`);
    }
    if (Date.now() >= deadline) {
      const statuses = [...new Set(tasks.map((t) => t.status))].join(", ") || "not listed yet";
      throw new ActionError(`${REF}: invocation ${invocationId} had not ended within its ${timeoutSeconds} s timeout and ${polling.graceMs / 1000} s for delivery (tasks: ${statuses})`, {
        code: "tat_timeout",
        result: soFar(),
      });
    }
    try {
      await sleep(polling.intervalMs, undefined, { signal: ctx.signal });
    } catch (err) {
      if (ctx.signal.aborted) throw abortedError(REF, ctx.signal, soFar());
      throw err;
    }
  }
}

function failureMessage(invocationId: string, failed: readonly TatTask[], total: number): string {
  const first = failed[0] as TatTask;
  const exit = first.exitCode === null ? "" : ` with exit code ${first.exitCode}`;
  const why = first.errorInfo || lastLine(first.output);
  const which = total > 1 ? `${failed.length} of ${total} tasks did not succeed; first: ` : "";
  return `${REF}: invocation ${invocationId}: ${which}${first.instanceId} ended ${first.status}${exit}${why ? `: ${why}` : ""}`;
}

function lastLine(output: string): string {
  const lines = output.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return (lines.at(-1) ?? "").slice(0, 500);
}
