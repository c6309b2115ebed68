// The states of executions and task runs (Orquesta's names), and the sets the engine decides
// by. Code compares against these sets, never against an order of states.

/** Every state an execution can be in. */
export type ExecutionStatus =
  | "requested"
  | "running"
  | "pending"
  | "pausing"
  | "paused"
  | "resuming"
  | "succeeded"
  | "failed"
  | "timeout"
  | "canceling"
  | "canceled";

/** Every state a task run (or one item of a with-items task) can be in. */
export type TaskStatus = "requested" | "scheduled" | "running" | "pending" | "paused" | "succeeded" | "failed" | "timeout" | "canceled";

/** An execution in one of these has ended; nothing changes it any more (but a rerun starts a new one). */
export const FINISHED_EXECUTION: ReadonlySet<string> = new Set<ExecutionStatus>(["succeeded", "failed", "timeout", "canceled"]);

/** Executions that hold a concurrency slot and count as running. */
export const ACTIVE_EXECUTION: ReadonlySet<string> = new Set<ExecutionStatus>(["running", "pending", "pausing", "paused", "resuming", "canceling"]);

/** Task runs that keep their execution from ending. `requested` (a join still waiting) does not. */
export const ACTIVE_TASK: readonly TaskStatus[] = ["scheduled", "running", "pending", "paused"];

/** Task runs whose work is under way on a worker or waiting for a person. */
export const BUSY_TASK: readonly TaskStatus[] = ["running", "pending"];

/** A finished task (or item) in one of these failed. */
export const FAILED_TASK: ReadonlySet<string> = new Set<TaskStatus>(["failed", "timeout"]);

/** Task runs that have ended. */
export const FINISHED_TASK: ReadonlySet<string> = new Set<TaskStatus>(["succeeded", "failed", "timeout", "canceled"]);
