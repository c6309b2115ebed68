// `kind: Workflow` as the rest of Reflex reads it, after loading and validation: an
// Orquesta-style graph of tasks. Expressions stay as written (`{{ JSONata }}` strings); the
// engine compiles them once per workflow. Durations are milliseconds here.
//
//   kind: Workflow
//   name: demo.fanout
//   input: [n]
//   tasks:
//     first:
//       action: core.echo
//       input: {message: "{{ 'n=' & $string(ctx.n) }}"}
//       next:
//         - when: "{{ $succeeded() }}"
//           publish: {doubled: "{{ ctx.n * 2 }}"}
//           do: [left, right]
//     left: {action: core.noop, next: [{do: joined}]}
//     right: {action: core.sleep, input: {seconds: 0.2}, next: [{do: joined}]}
//     joined: {join: all, action: core.echo, input: {message: "{{ $string(ctx.doubled) }}"}}
//   output: {doubled: "{{ ctx.doubled }}"}
import type { JsonObject, JsonValue } from "../core/json.js";

/** The engine commands a transition's `do` may name instead of a task. */
export const ENGINE_COMMANDS = ["continue", "fail", "noop", "retry"] as const;
export type EngineCommand = (typeof ENGINE_COMMANDS)[number];

/** One input parameter of a workflow. */
export interface WorkflowInputSpec {
  name: string;
  /** JSON Schema (2020-12) the value must fit; absent: anything. */
  schema?: JsonObject;
  /** Used when the caller gives none; a parameter without a default is required. */
  default?: JsonValue;
  required: boolean;
}

/** One entry of a task's `next`: when it applies, what it publishes into ctx, where it goes. */
export interface TransitionSpec {
  /** `{{ … }}` condition; absent: taken whenever the task completes (succeeded or failed). */
  when?: string;
  /** Name → template, evaluated with `ctx` and `result`; the values join ctx for the tasks reached. */
  publish: Record<string, JsonValue>;
  /** Task names and engine commands, in order. */
  do: string[];
}

/** `retry`: run the task again while `when` holds, up to `count` more times. */
export interface RetrySpec {
  /** Retries after the first run (so `count + 1` runs at most). */
  count: number;
  /** Wait before the first retry. */
  delayMs: number;
  /** Each later wait is the previous one times this (1: constant). */
  backoff: number;
  /** `{{ … }}` condition over `result` and the status functions; absent: `{{ $failed() }}`. */
  when?: string;
}

/** `with`: run the action once per item, `concurrency` at a time. */
export interface WithItemsSpec {
  /** `{{ … }}` expression that gives the list of items. */
  items: string;
  /** Items in flight at once; absent: all. */
  concurrency?: number;
}

/** One task of the graph. */
export interface TaskSpec {
  name: string;
  /** An action ref (`pack.name`) or the name of another workflow (a sub-workflow). */
  action: string;
  /** Parameter → template. */
  input: JsonObject;
  next: TransitionSpec[];
  /** Wait for all inbound tasks, or for this many arrivals, then run once. */
  join?: "all" | number;
  with?: WithItemsSpec;
  retry?: RetrySpec;
  /** Wait this long before running. */
  delayMs?: number;
  /** Longest a run may take; absent: the action's own default. */
  timeoutMs?: number;
  /** Worker pool that runs this task; absent: the workflow's, else `workflows`. */
  queue?: string;
}

/** At most `limit` executions per rendered `key` run at once; the rest wait (`queue`) or are dropped. */
export interface ConcurrencySpec {
  /** `{{ … }}` over `ctx` (the inputs); `""`: one key for the whole workflow. */
  key: string;
  limit: number;
  policy: "queue" | "drop";
}

/** Above `max` executions started within `perMs`, new ones wait for an approval instead of running. */
export interface BudgetSpec {
  max: number;
  perMs: number;
}

/** After `failures` consecutive failed executions, new ones are refused until re-armed. */
export interface CircuitBreakerSpec {
  failures: number;
}

/** `kind: Workflow`. */
export interface WorkflowSpec {
  name: string;
  description?: string;
  input: WorkflowInputSpec[];
  /** Name → template over the inputs, evaluated once at start, in order. */
  vars: Record<string, JsonValue>;
  /** Template over the final ctx; absent: no output. */
  output?: JsonValue;
  /** In document order. */
  tasks: TaskSpec[];
  /** Worker pool for tasks that name none; absent: `workflows`. */
  queue?: string;
  concurrency?: ConcurrencySpec;
  budget?: BudgetSpec;
  circuitBreaker?: CircuitBreakerSpec;
}
