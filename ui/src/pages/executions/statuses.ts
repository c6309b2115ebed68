// The execution and task states as the console groups them: which ones have ended (stop
// following live), which are under way (keep refreshing), and the few colours a graph node
// takes. Explicit sets, as the engine keeps them (src/engine/statuses.ts), never an order.
import type { ExecutionStatus } from "./types";

/** Every execution status, for the status filter, with what it means. */
export const EXECUTION_STATUSES: readonly { value: ExecutionStatus; meaning: string }[] = [
  { value: "running", meaning: "tasks are running" },
  { value: "pending", meaning: "waiting for an approval" },
  { value: "requested", meaning: "waiting for a concurrency slot" },
  { value: "pausing", meaning: "paused; running work is finishing" },
  { value: "paused", meaning: "nothing runs until resumed" },
  { value: "resuming", meaning: "being resumed" },
  { value: "canceling", meaning: "canceled; running work is stopping" },
  { value: "succeeded", meaning: "ended well" },
  { value: "failed", meaning: "ended with an unhandled task failure" },
  { value: "timeout", meaning: "ended by a timeout" },
  { value: "canceled", meaning: "ended by a cancel, a guard or a rejected budget approval" },
];

/** An execution in one of these has ended: nothing changes it any more. */
export const FINISHED_EXECUTION: ReadonlySet<string> = new Set(["succeeded", "failed", "timeout", "canceled"]);

/** Executions an operator may pause (the server answers 409 otherwise). */
export const PAUSABLE: ReadonlySet<string> = new Set(["running", "pending"]);

/** Executions an operator may resume. */
export const RESUMABLE: ReadonlySet<string> = new Set(["paused", "pausing"]);

/** True while an execution may still change (worth refreshing or following live). */
export function isLive(status: string): boolean {
  return !FINISHED_EXECUTION.has(status);
}

/** The colours a task node takes: one per thing an operator tells apart at a glance. */
export type NodeState = "not-run" | "waiting" | "running" | "approval" | "paused" | "succeeded" | "failed" | "canceled";

const NODE_STATE: Readonly<Record<string, NodeState>> = {
  requested: "waiting",
  scheduled: "waiting",
  running: "running",
  pending: "approval",
  paused: "paused",
  succeeded: "succeeded",
  failed: "failed",
  timeout: "failed",
  canceled: "canceled",
};

/** The node colour of a task status (unknown statuses count as waiting). */
export function nodeStateOf(taskStatus: string | undefined): NodeState {
  if (taskStatus === undefined) return "not-run";
  return NODE_STATE[taskStatus] ?? "waiting";
}

/** Words for each node colour, for the legend and screen readers. */
export const NODE_STATE_LABEL: Readonly<Record<NodeState, string>> = {
  "not-run": "not run",
  waiting: "pending",
  running: "running",
  approval: "waiting approval",
  paused: "paused",
  succeeded: "succeeded",
  failed: "failed",
  canceled: "canceled",
};

/** A task's status as a person reads it (`pending` on a task means it waits for an approval). */
export function taskStatusLabel(status: string): string {
  if (status === "pending") return "waiting approval";
  return status.replace(/_/g, " ");
}
