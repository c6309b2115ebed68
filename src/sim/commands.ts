// TAT-like commands: RunCommand on RUNNING instances whose agent answers, one task per
// instance, each ending after commandMs. The outcome is read from the command text — "exit N"
// (N ≠ 0) fails with that code, anything else succeeds with "ok\n" — and a success may change
// the instance: text with "restart" restarts the business process, text with "clean" brings
// full disks back to normal usage. Faults hear of every success and decide what it clears.
import { NORMAL_DISK_USAGE, disksOf } from "./disks.js";
import type { FleetContext, InstanceRecord } from "./fleet-context.js";
import { isoNow } from "./fleet-context.js";
import { distinctIds, liveInstance, requireState } from "./instances.js";
import { uniqueSimId } from "./sim-ids.js";
import type { SimInvocation, SimInvocationTask } from "./types.js";
import { SimOperationError } from "./types.js";

/** Runs `command` on each instance; refused as a whole when one cannot take it. */
export function runCommand(ctx: FleetContext, instanceIds: readonly string[], command: string): SimInvocation {
  if (typeof command !== "string" || command.trim() === "") throw new SimOperationError("InvalidParameter", "RunCommand: the command text is empty");
  const instances = distinctIds(instanceIds, "RunCommand").map((id) => liveInstance(ctx, id));
  for (const instance of instances) {
    requireState(instance, ["RUNNING"], "RunCommand");
    const offline = agentOffline(instance, command);
    if (offline !== undefined) throw new SimOperationError("IncorrectState", `RunCommand: the command agent on instance ${instance.id} is offline (${offline})`, instance.id);
  }
  const invocation: SimInvocation = { id: uniqueSimId("inv-", 8, ctx.invocations), command, instanceIds: instances.map((i) => i.id), createdAt: isoNow(ctx), tasks: [] };
  const taskIds = new Set<string>();
  for (const instance of instances) {
    const task: SimInvocationTask = { id: uniqueSimId("invt-", 8, taskIds), invocationId: invocation.id, instanceId: instance.id, status: "RUNNING", output: "", startedAt: isoNow(ctx) };
    taskIds.add(task.id);
    invocation.tasks.push(task);
    ctx.timers.after(ctx.timings.commandMs, () => finish(ctx, instance, invocation, task));
  }
  ctx.invocations.set(invocation.id, invocation);
  return copyInvocation(invocation);
}

/** Tasks matching the filter, in creation order. */
export function describeInvocationTasks(
  ctx: FleetContext,
  filter: { invocationIds?: readonly string[]; taskIds?: readonly string[]; instanceIds?: readonly string[] } = {},
): SimInvocationTask[] {
  const set = (v: readonly string[] | undefined): Set<string> | undefined => (v !== undefined && v.length > 0 ? new Set(v) : undefined);
  const invocations = set(filter.invocationIds);
  const tasks = set(filter.taskIds);
  const instances = set(filter.instanceIds);
  const out: SimInvocationTask[] = [];
  for (const invocation of ctx.invocations.values()) {
    if (invocations !== undefined && !invocations.has(invocation.id)) continue;
    for (const task of invocation.tasks) {
      if ((tasks === undefined || tasks.has(task.id)) && (instances === undefined || instances.has(task.instanceId))) out.push({ ...task });
    }
  }
  return out;
}

/** Why the agent cannot take `command` now, or undefined when it can. */
function agentOffline(instance: InstanceRecord, command: string): string | undefined {
  if (instance.panicked) return "the guest kernel panicked";
  // After ping_unreachable's host recovery the agent reconnects, so a restart or cleanup gets through.
  if (instance.networkDown && !/restart|clean/i.test(command)) return "the instance does not answer ping; only a restart or cleanup command reaches it";
  return undefined;
}

function finish(ctx: FleetContext, instance: InstanceRecord, invocation: SimInvocation, task: SimInvocationTask): void {
  task.finishedAt = isoNow(ctx);
  const gone = instance.state !== "RUNNING" ? `the instance became ${instance.state}` : agentOffline(instance, invocation.command);
  if (gone !== undefined) {
    task.status = "FAILED";
    task.output = `command interrupted: ${gone}\n`;
    return;
  }
  const exit = /\bexit\s+(\d+)/i.exec(invocation.command);
  const code = exit === null ? 0 : Number(exit[1]);
  task.exitCode = code;
  if (code !== 0) {
    task.status = "FAILED";
    task.output = `command exited with status ${code}\n`;
    return;
  }
  task.status = "SUCCESS";
  task.output = "ok\n";
  applyEffects(ctx, instance, invocation.command);
  ctx.hooks.commandSucceeded(instance, invocation.command, invocation.id);
}

function applyEffects(ctx: FleetContext, instance: InstanceRecord, command: string): void {
  if (/restart/i.test(command)) {
    instance.networkDown = false;
    instance.processRunning = true;
    instance.restarts += 1;
  }
  if (/clean/i.test(command)) {
    for (const disk of disksOf(ctx, instance)) if (disk.usagePercent > NORMAL_DISK_USAGE) disk.usagePercent = NORMAL_DISK_USAGE;
  }
}

function copyInvocation(invocation: SimInvocation): SimInvocation {
  return { ...invocation, instanceIds: [...invocation.instanceIds], tasks: invocation.tasks.map((t) => ({ ...t })) };
}
