// The secrets one task run needs — those its input refers to (`{{ secrets.NAME }}`) and those
// its action declares (cloud credentials) — are looked up before the run's first step (the
// store holds one connection on SQLite, so not inside a step), handed to the action, and
// hidden again from everything stored: the input, the result, the error and the log lines.
import { ReflexError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { NO_SECRETS } from "../core/secrets.js";
import { redactor } from "../core/redact.js";
import type { Redactor } from "../core/redact.js";
import { compiledWorkflow } from "./compiled-workflow.js";
import type { EngineDeps } from "./engine-deps.js";

/** The values a run may use and the redactor that hides them, or why they could not be had. */
export type TaskSecrets = { values: Readonly<Record<string, string>>; redact: Redactor } | { error: string };

const NONE: TaskSecrets = { values: {}, redact: (text) => text };

/** Looks up the secrets of task run `taskRunId`; never throws for a missing secret. */
export async function secretsFor(deps: EngineDeps, taskRunId: string): Promise<TaskSecrets> {
  const row = await deps.store.db
    .selectFrom("task_runs")
    .innerJoin("executions", "executions.id", "task_runs.execution_id")
    .select(["task_runs.task", "executions.spec"])
    .where("task_runs.id", "=", taskRunId)
    .executeTakeFirst();
  if (!row) return NONE;
  const task = compiledWorkflow(row.spec).tasks.get(row.task);
  if (!task) return NONE;
  const names = [...new Set([...task.secretRefs, ...(deps.actions.get(task.spec.action)?.secrets ?? [])])];
  if (names.length === 0) return NONE;
  try {
    const values = await (deps.secrets ?? NO_SECRETS).resolve(names);
    return { values, redact: redactor(Object.values(values)) };
  } catch (err) {
    if (err instanceof ReflexError) return { error: `task ${row.task}: ${err.message}` };
    throw err;
  }
}

/** `value` with every secret value in its strings (keys included) replaced by `***`. */
export function redactJson(value: JsonValue, redact: Redactor): JsonValue {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactJson(v, redact)]));
  return value;
}

