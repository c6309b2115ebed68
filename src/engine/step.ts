// One engine step: a transaction that reads an execution, decides, and writes every change of
// that decision at once (task states, new jobs, the execution's state). Effects that must not
// happen unless the step committed (waking the worker, emitting events) are queued in `after`
// and run after COMMIT. The execution row is locked first (PostgreSQL: FOR UPDATE; SQLite:
// BEGIN IMMEDIATE), so two tasks of one execution finishing at once on two nodes take turns.
import type { Kysely } from "kysely";
import { NotFoundError } from "../core/errors.js";
import type { Database, ExecutionRow } from "../store/schema.js";
import { writeTransaction } from "../store/write-transaction.js";
import type { EngineDeps } from "./engine-deps.js";

export interface Step {
  db: Kysely<Database>;
  deps: EngineDeps;
  now: number;
  /** Runs after the commit, in order. */
  after: (() => void | Promise<void>)[];
}

/** Runs `work` as one step and then its after-commit effects. */
export async function runStep<T>(deps: EngineDeps, work: (step: Step) => Promise<T>): Promise<T> {
  const after: Step["after"] = [];
  const result = await writeTransaction(deps.store, (db) => work({ db, deps, now: deps.clock.now(), after }));
  for (const effect of after) {
    try {
      await effect();
    } catch (err) {
      deps.logger.error({ err }, "an engine effect after commit failed");
    }
  }
  return result;
}

/** Reads and locks the execution for the rest of the step. */
export async function lockExecution(step: Step, id: string): Promise<ExecutionRow> {
  let q = step.db.selectFrom("executions").selectAll().where("id", "=", id);
  if (step.deps.store.dialect.supportsSkipLocked) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError("execution", id);
  return row;
}

/** Reads the execution without locking it. */
export async function readExecution(step: Step, id: string): Promise<ExecutionRow> {
  const row = await step.db.selectFrom("executions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError("execution", id);
  return row;
}

/** Marks the execution changed (live views follow `version`), with any other column changes. */
export async function touchExecution(step: Step, id: string, changes: Partial<Omit<ExecutionRow, "id">> = {}): Promise<void> {
  await step.db
    .updateTable("executions")
    .set((eb) => ({ ...changes, version: eb("version", "+", 1), updated_ms: step.now }))
    .where("id", "=", id)
    .execute();
}
