// The safety guards around starting executions (what StackStorm lacks):
// - concurrency per rendered key (`{key: "{{ ctx.instance }}", limit: 1}`): one remediation
//   per instance at a time; the rest wait (`queue`) or are dropped (`drop`);
// - a budget (`{max: 5, per: 10m}`): above it, an execution waits for a person's approval;
// - a circuit breaker: after K consecutive failed executions the workflow refuses to start
//   new ones and emits `reflex.workflow.circuit_open`, until re-armed.
// Admission runs in the start step; on PostgreSQL an advisory lock per workflow makes
// concurrent starts on several nodes take turns (SQLite's single writer already does).
import { sql } from "kysely";
import { CIRCUIT_OPEN_EVENT } from "../core/engine-events.js";
import type { WorkflowSpec } from "../config/workflow-types.js";
import type { ExecutionRow } from "../store/schema.js";
import { beginExecution } from "./start-execution.js";
import { ACTIVE_EXECUTION } from "./statuses.js";
import type { Step } from "./step.js";
import { lockExecution } from "./step.js";

/** What becomes of a new execution. */
export type Admission = { status: "running" } | { status: "requested" | "canceled" | "pending"; reason: string };

/** Decides whether an execution of `spec` with concurrency key `key` may run now. */
export async function admit(step: Step, spec: WorkflowSpec, key: string | null): Promise<Admission> {
  if (step.deps.store.dialect.supportsSkipLocked) await sql`select pg_advisory_xact_lock(hashtext(${`reflex.workflow:${spec.name}`}))`.execute(step.db);
  const guard = await step.db.selectFrom("workflow_guards").selectAll().where("workflow", "=", spec.name).executeTakeFirst();
  if (guard && guard.circuit_open === 1) {
    return { status: "canceled", reason: `refused: the circuit breaker of workflow ${spec.name} is open after ${guard.consecutive_failures} consecutive failures; re-arm it with \`reflex workflows rearm ${spec.name}\` once the cause is fixed` };
  }
  if (spec.concurrency && key !== null) {
    const running = await countWhere(step, spec.name, (q) => q.where("concurrency_key", "=", key).where("status", "in", [...ACTIVE_EXECUTION]));
    if (running >= spec.concurrency.limit) {
      const what = `${running} execution(s) of ${spec.name} already running for key '${key}' (limit ${spec.concurrency.limit})`;
      return spec.concurrency.policy === "drop" ? { status: "canceled", reason: `dropped: ${what}` } : { status: "requested", reason: `waiting: ${what}` };
    }
  }
  if (spec.budget) {
    const since = step.now - spec.budget.perMs;
    const started = await countWhere(step, spec.name, (q) => q.where("started_ms", ">=", since));
    if (started >= spec.budget.max) {
      return { status: "pending", reason: `the remediation budget of ${spec.name} (${spec.budget.max} per ${spec.budget.perMs / 1000} s) is used up; approve to run it anyway` };
    }
  }
  return { status: "running" };
}

type ExecutionQuery = ReturnType<typeof baseQuery>;
function baseQuery(step: Step, workflow: string) {
  return step.db.selectFrom("executions").select(sql<number>`count(*)`.as("n")).where("workflow", "=", workflow);
}
async function countWhere(step: Step, workflow: string, narrow: (q: ExecutionQuery) => ExecutionQuery): Promise<number> {
  const row = await narrow(baseQuery(step, workflow)).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Updates the circuit breaker after an execution ended, and hands its concurrency slot on. */
export async function executionEnded(step: Step, exec: ExecutionRow, status: string): Promise<void> {
  const spec = JSON.parse(exec.spec) as WorkflowSpec;
  if (spec.circuitBreaker && exec.parent_id === null && (status === "failed" || status === "succeeded")) await countFailure(step, spec, status === "failed", exec.id);
  if (exec.concurrency_key !== null) {
    const next = await step.db
      .selectFrom("executions")
      .select("id")
      .where("workflow", "=", exec.workflow)
      .where("concurrency_key", "=", exec.concurrency_key)
      .where("status", "=", "requested")
      .orderBy("created_ms")
      .orderBy("id")
      .executeTakeFirst();
    if (next) await beginExecution(step, await lockExecution(step, next.id));
  }
}

async function countFailure(step: Step, spec: WorkflowSpec, failed: boolean, executionId: string): Promise<void> {
  const threshold = spec.circuitBreaker?.failures ?? 0;
  const row = await step.db.selectFrom("workflow_guards").selectAll().where("workflow", "=", spec.name).executeTakeFirst();
  const failures = failed ? Number(row?.consecutive_failures ?? 0) + 1 : 0;
  const opens = failed && failures >= threshold && row?.circuit_open !== 1;
  const values = { consecutive_failures: failures, circuit_open: opens || row?.circuit_open === 1 ? 1 : 0, opened_ms: opens ? step.now : (row?.opened_ms ?? null), updated_ms: step.now };
  if (row) await step.db.updateTable("workflow_guards").set(values).where("workflow", "=", spec.name).execute();
  else await step.db.insertInto("workflow_guards").values({ workflow: spec.name, ...values }).execute();
  if (opens) {
    step.after.push(() =>
      step.deps.emit({
        type: CIRCUIT_OPEN_EVENT,
        subject: spec.name,
        data: { workflow: spec.name, consecutiveFailures: failures, lastExecution: executionId, openedAt: new Date(step.now).toISOString() },
      }),
    );
  }
}
