// What expressions see while an execution runs: `ctx` (inputs, vars and published values, one
// namespace), `result` (the task's result, in `next`, `retry.when` and publish), `item` (in a
// with-items task's input), and the functions `$succeeded()`, `$failed()`, `$completed()` (of
// the task being decided) and `$task(name)` (the latest run of any task of the execution).
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import type { ExpressionFunctions } from "../expr/index.js";
import type { Step } from "./step.js";
import { FAILED_TASK, FINISHED_TASK } from "./statuses.js";

/** The functions for deciding about a task that ended with `status` (null: not run yet). */
export function taskFunctions(step: Step, executionId: string, status: string | null): ExpressionFunctions {
  return {
    succeeded: () => status === "succeeded",
    failed: () => status !== null && FAILED_TASK.has(status),
    completed: () => status !== null && FINISHED_TASK.has(status),
    task: async (name) => (typeof name === "string" ? latestRun(step, executionId, name) : null),
  };
}

/** `{status, result, error, attempt}` of the latest run of task `name`, or null. */
async function latestRun(step: Step, executionId: string, name: string): Promise<JsonValue> {
  const row = await step.db
    .selectFrom("task_runs")
    .select(["status", "result", "error", "attempt"])
    .where("execution_id", "=", executionId)
    .where("task", "=", name)
    .orderBy("created_ms", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row) return null;
  return { status: row.status, result: fromJsonText(row.result), error: row.error, attempt: Number(row.attempt) };
}

/** JSONata truthiness, as `$boolean` has it: false, null, 0, "", empty lists and objects are false. */
export function truthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.some((v) => truthy(v));
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** A JSON column's value; null stays null. */
export function fromJsonText(text: string | null): JsonValue {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

/** A JSON column that must hold an object (a context). */
export function objectFromJsonText(text: string | null): JsonObject {
  const value = fromJsonText(text);
  return isJsonObject(value) ? value : {};
}
