// The workflow engine's tables: executions (one per run of a workflow, sub-workflows
// included), task runs (one per task reached; a join waits in one row), the items of
// with-items tasks, bounded task logs, approvals, the audit log of operator actions, and the
// guard state per workflow (circuit breaker). Integer epoch-ms times and JSON as text, like
// the rest of the schema.
import type { Migration } from "../migrate.js";

export const workflows: Migration = {
  name: "008-workflows",
  async up(db) {
    await db.schema
      .createTable("executions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workflow", "text", (c) => c.notNull())
      .addColumn("spec", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("input", "text", (c) => c.notNull())
      .addColumn("ctx", "text", (c) => c.notNull())
      .addColumn("output", "text")
      .addColumn("error", "text")
      .addColumn("failing", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("parent_id", "text")
      .addColumn("parent_task_id", "text")
      .addColumn("root_id", "text", (c) => c.notNull())
      .addColumn("trigger", "text")
      .addColumn("trigger_key", "text", (c) => c.unique())
      .addColumn("concurrency_key", "text")
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("started_ms", "bigint")
      .addColumn("finished_ms", "bigint")
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("executions_created").on("executions").columns(["created_ms", "id"]).execute();
    await db.schema.createIndex("executions_workflow").on("executions").columns(["workflow", "status", "created_ms"]).execute();
    await db.schema.createIndex("executions_parent").on("executions").column("parent_id").execute();
    await db.schema.createIndex("executions_status").on("executions").columns(["status", "created_ms"]).execute();

    await db.schema
      .createTable("task_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("execution_id", "text", (c) => c.notNull())
      .addColumn("task", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("ctx", "text", (c) => c.notNull())
      .addColumn("arrivals", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("input", "text")
      .addColumn("result", "text")
      .addColumn("error", "text")
      .addColumn("published", "text")
      .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("items_total", "integer")
      .addColumn("child_id", "text")
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("started_ms", "bigint")
      .addColumn("finished_ms", "bigint")
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("task_runs_execution").on("task_runs").columns(["execution_id", "task", "status"]).execute();

    await db.schema
      .createTable("task_items")
      .addColumn("task_run_id", "text", (c) => c.notNull())
      .addColumn("idx", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("item", "text", (c) => c.notNull())
      .addColumn("input", "text")
      .addColumn("result", "text")
      .addColumn("error", "text")
      .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("started_ms", "bigint")
      .addColumn("finished_ms", "bigint")
      .addPrimaryKeyConstraint("task_items_pk", ["task_run_id", "idx"])
      .execute();
    await db.schema.createIndex("task_items_status").on("task_items").columns(["task_run_id", "status", "idx"]).execute();

    await db.schema
      .createTable("task_logs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("task_run_id", "text", (c) => c.notNull())
      .addColumn("item", "integer")
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("lines", "text", (c) => c.notNull())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("task_logs_task").on("task_logs").columns(["task_run_id", "created_ms"]).execute();

    await db.schema
      .createTable("approvals")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("execution_id", "text", (c) => c.notNull())
      .addColumn("task_run_id", "text")
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("schema", "text")
      .addColumn("approvers", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("response", "text")
      .addColumn("answered_by", "text")
      .addColumn("default_decision", "text", (c) => c.notNull())
      .addColumn("expires_ms", "bigint")
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("answered_ms", "bigint")
      .execute();
    await db.schema.createIndex("approvals_status").on("approvals").columns(["status", "created_ms"]).execute();
    await db.schema.createIndex("approvals_task").on("approvals").column("task_run_id").unique().execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_kind", "text", (c) => c.notNull())
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .execute();
    await db.schema.createIndex("audit_log_target").on("audit_log").columns(["target_kind", "target_id", "created_ms"]).execute();
    await db.schema.createIndex("audit_log_created").on("audit_log").column("created_ms").execute();

    await db.schema
      .createTable("workflow_guards")
      .addColumn("workflow", "text", (c) => c.primaryKey())
      .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("circuit_open", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("opened_ms", "bigint")
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .execute();
  },
};
