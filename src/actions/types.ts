// What an action is: the unit of work a workflow task runs. An action has a ref (`pack.name`),
// a JSON Schema for its input, a default timeout, and a `run` that receives the rendered input
// and a context, and returns a JSON result or throws an ActionError. The engine owns
// everything around a run (retries, timeouts, records); an action only does its one thing.
import type { JsonObject, JsonValue } from "../core/json.js";

/** Where an action writes its log lines (stored with the task, bounded in count and size). */
export interface ActionLog {
  /** A line of the action's standard output (or what stands for it). */
  stdout(line: string): void;
  /** A line of the action's standard error. */
  stderr(line: string): void;
  /** A note from the action itself. */
  info(message: string): void;
}

/** What an action run is given besides its input. */
export interface ActionContext {
  executionId: string;
  /** The task run's id. */
  taskId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Secret values by name; resolved by the engine, never logged. */
  secrets: Readonly<Record<string, string>>;
  log: ActionLog;
  /** Aborted at the timeout, on cancel, or when the worker loses the task. */
  signal: AbortSignal;
}

/** One action. `Input` is what its schema admits. */
export interface ActionDefinition<Input extends JsonValue = JsonObject> {
  /** `pack.name`, e.g. `core.echo`. */
  readonly ref: string;
  readonly description: string;
  /** JSON Schema (2020-12) of the input; checked before `run`, and its `required` at config load. */
  readonly inputSchema: JsonObject;
  /** The longest a run may take unless the task says otherwise. */
  readonly timeoutMs: number;
  /** Secret names the action itself needs (cloud credentials); the engine resolves them into `ctx.secrets`. */
  readonly secrets?: readonly string[];
  /**
   * Runs once; resolves to the result or rejects: an ActionError says whether a retry may help;
   * a ValidationError (at a JSON pointer into the input) is input the schema admits but the
   * action cannot use, which no retry fixes. Stops promptly when `ctx.signal` aborts.
   */
  run(input: Input, ctx: ActionContext): Promise<JsonValue>;
}
