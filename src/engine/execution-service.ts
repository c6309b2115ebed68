// The engine's face to the API and the CLI: start, read, list, cancel, pause, resume and rerun
// executions; answer approvals; flip the global pause switch; re-arm a circuit breaker; read
// the audit log. Every operator action is one step with its audit entry.
import type { JsonObject, JsonValue } from "../core/json.js";
import { ConflictError, NotFoundError } from "../core/errors.js";
import { firstIdAt } from "../core/ids.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import { answerApproval } from "./approvals.js";
import type { Answerer, Decision } from "./approvals.js";
import { audit, auditEntries } from "./audit.js";
import type { EngineDeps } from "./engine-deps.js";
import { cancelExecution, pauseExecution, rerunExecution, resumeExecution } from "./operations.js";
import { pausedAll, setPausedAll } from "./pause-all.js";
import { startExecution } from "./start-execution.js";
import type { StartResult } from "./start-execution.js";
import { runStep } from "./step.js";
import { approvalView, auditView, executionSummary, taskView } from "./views.js";

/** Filters for listing executions; all optional, newest first. */
export interface ExecutionFilter {
  workflow?: string;
  status?: string;
  /** Only sub-workflows of this execution; `null`: only top-level ones. */
  parentId?: string | null;
  /** Only executions created before this one (the cursor). */
  before?: string;
  /** Only executions created at or after this time (epoch ms). */
  createdFrom?: number;
  /** Only executions created before this time (epoch ms). */
  createdTo?: number;
  limit: number;
}

export class ExecutionService {
  constructor(private readonly deps: EngineDeps) {}

  /** Starts an execution of `workflow`. */
  async start(workflow: string, input: JsonObject, by: string): Promise<StartResult> {
    return runStep(this.deps, async (step) => {
      const started = await startExecution(step, { workflow, input, trigger: { kind: "api", by }, paused: await pausedAll(step.db) });
      await audit(step, by, "execution.start", { kind: "execution", id: started.id }, { workflow, input });
      return started;
    });
  }

  /** One execution with every task run, item and log line. */
  async get(id: string): Promise<JsonObject> {
    const db = this.deps.store.db;
    const row = await db.selectFrom("executions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError("execution", id);
    const runs = await db.selectFrom("task_runs").selectAll().where("execution_id", "=", id).orderBy("created_ms").orderBy("id").execute();
    const runIds = runs.map((r) => r.id);
    const items = runIds.length === 0 ? [] : await db.selectFrom("task_items").selectAll().where("task_run_id", "in", runIds).orderBy("idx").execute();
    const logs = runIds.length === 0 ? [] : await db.selectFrom("task_logs").selectAll().where("task_run_id", "in", runIds).orderBy("created_ms").orderBy("id").execute();
    const children = await db.selectFrom("executions").select("id").where("parent_id", "=", id).orderBy("created_ms").execute();
    const linesOf = (runId: string): JsonValue[] =>
      logs
        .filter((l) => l.task_run_id === runId)
        .flatMap((l) => (JSON.parse(l.lines) as JsonObject[]).map((line) => ({ ...line, ts: formatRfc3339(Number(line.ts)), attempt: Number(l.attempt), item: l.item === null ? null : Number(l.item) })));
    return {
      ...executionSummary(row),
      tasks: runs.map((run) => taskView(run, items.filter((i) => i.task_run_id === run.id), linesOf(run.id))),
      children: children.map((c) => c.id),
    };
  }

  /** The version of an execution (grows with every change), for live views; null if unknown. */
  async version(id: string): Promise<number | null> {
    const row = await this.deps.store.db.selectFrom("executions").select("version").where("id", "=", id).executeTakeFirst();
    return row ? Number(row.version) : null;
  }

  /** Executions, newest first. */
  async list(filter: ExecutionFilter): Promise<JsonObject[]> {
    let q = this.deps.store.db.selectFrom("executions").selectAll();
    if (filter.workflow !== undefined) q = q.where("workflow", "=", filter.workflow);
    if (filter.status !== undefined) q = q.where("status", "=", filter.status);
    if (filter.parentId === null) q = q.where("parent_id", "is", null);
    else if (filter.parentId !== undefined) q = q.where("parent_id", "=", filter.parentId);
    if (filter.before !== undefined) q = q.where("id", "<", filter.before);
    // Ids are UUIDv7, ordered by creation: a time window is a range of ids (primary key).
    if (filter.createdFrom !== undefined) q = q.where("id", ">=", firstIdAt(filter.createdFrom));
    if (filter.createdTo !== undefined) q = q.where("id", "<", firstIdAt(filter.createdTo));
    const rows = await q.orderBy("id", "desc").limit(filter.limit).execute();
    return rows.map(executionSummary);
  }

  async cancel(id: string, by: string): Promise<JsonObject> {
    await runStep(this.deps, async (step) => {
      await cancelExecution(step, id, by);
      await audit(step, by, "execution.cancel", { kind: "execution", id });
    });
    return this.get(id);
  }

  async pause(id: string, by: string): Promise<JsonObject> {
    await runStep(this.deps, async (step) => {
      await pauseExecution(step, id);
      await audit(step, by, "execution.pause", { kind: "execution", id });
    });
    return this.get(id);
  }

  async resume(id: string, by: string): Promise<JsonObject> {
    await runStep(this.deps, async (step) => {
      await resumeExecution(step, id);
      await audit(step, by, "execution.resume", { kind: "execution", id });
    });
    return this.get(id);
  }

  /** A new execution from the failed tasks (or the `tasks` named) of an ended one; returns its id. */
  async rerun(id: string, by: string, tasks?: readonly string[]): Promise<string> {
    return runStep(this.deps, async (step) => {
      const newId = await rerunExecution(step, id, by, tasks);
      await audit(step, by, "execution.rerun", { kind: "execution", id }, { newExecutionId: newId, tasks: tasks ? [...tasks] : null });
      return newId;
    });
  }

  /** Approvals, newest first. */
  async approvals(filter: { status?: string; executionId?: string; limit: number }): Promise<JsonObject[]> {
    let q = this.deps.store.db.selectFrom("approvals").selectAll();
    if (filter.status !== undefined) q = q.where("status", "=", filter.status);
    if (filter.executionId !== undefined) q = q.where("execution_id", "=", filter.executionId);
    const rows = await q.orderBy("created_ms", "desc").orderBy("id", "desc").limit(filter.limit).execute();
    return rows.map(approvalView);
  }

  async approval(id: string): Promise<JsonObject> {
    const row = await this.deps.store.db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError("approval", id);
    return approvalView(row);
  }

  async answer(id: string, decision: Decision, response: JsonValue, by: Answerer): Promise<JsonObject> {
    return runStep(this.deps, async (step) => {
      const row = await answerApproval(step, id, decision, response, by);
      await audit(step, by.name, `approval.${decision}`, { kind: "approval", id }, { executionId: row.execution_id, response });
      return approvalView(row);
    });
  }

  /** Turns the global pause switch on or off; returns how many executions it paused or resumed. */
  async setPausedAll(on: boolean, by: string): Promise<{ pausedAll: boolean; executions: number }> {
    return runStep(this.deps, async (step) => {
      const executions = await setPausedAll(step, on);
      await audit(step, by, on ? "engine.pause-all" : "engine.resume-all", { kind: "engine", id: "all" }, { executions });
      return { pausedAll: on, executions };
    });
  }

  async pausedAll(): Promise<boolean> {
    return pausedAll(this.deps.store.db);
  }

  /** Guard state of a workflow (circuit breaker). */
  async guards(workflow: string): Promise<JsonObject> {
    const row = await this.deps.store.db.selectFrom("workflow_guards").selectAll().where("workflow", "=", workflow).executeTakeFirst();
    return { workflow, consecutiveFailures: Number(row?.consecutive_failures ?? 0), circuitOpen: row?.circuit_open === 1, openedAt: row?.opened_ms == null ? null : new Date(Number(row.opened_ms)).toISOString() };
  }

  /** Closes an open circuit breaker. */
  async rearm(workflow: string, by: string): Promise<JsonObject> {
    if (!this.deps.workflow(workflow)) throw new NotFoundError("workflow", workflow);
    await runStep(this.deps, async (step) => {
      const row = await step.db.selectFrom("workflow_guards").select("circuit_open").where("workflow", "=", workflow).executeTakeFirst();
      if (!row || row.circuit_open !== 1) throw new ConflictError(`the circuit breaker of workflow ${workflow} is not open`);
      await step.db.updateTable("workflow_guards").set({ circuit_open: 0, consecutive_failures: 0, opened_ms: null, updated_ms: step.now }).where("workflow", "=", workflow).execute();
      await audit(step, by, "workflow.rearm", { kind: "workflow", id: workflow });
    });
    return this.guards(workflow);
  }

  async audit(filter: { kind?: string; id?: string; limit: number }): Promise<JsonObject[]> {
    return (await auditEntries(this.deps.store.db, filter)).map(auditView);
  }
}
