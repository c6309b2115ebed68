// The side panel when no task is selected: the execution's own data (input, output), its
// sub-workflow executions, and its task runs as a list — failed first, then those under way,
// then the newest — each selecting its task, so a big graph can be read without hunting for
// nodes. Long lists show their first rows until asked for all.
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { DataTable, JsonView, StatusBadge, formatDuration } from "../../components";
import type { Column } from "../../components";
import { runMs } from "./describe";
import { taskStatusLabel } from "./statuses";
import type { ExecutionView, TaskRun } from "./types";

/** Props of `<ExecutionPanel>`. */
export interface ExecutionPanelProps {
  view: ExecutionView;
  onSelect: (task: string) => void;
  now: number;
}

const FAILED: ReadonlySet<string> = new Set(["failed", "timeout"]);
const UNDER_WAY: ReadonlySet<string> = new Set(["running", "pending", "scheduled", "paused", "requested"]);
/** Rows shown before "Show all". */
const FIRST_ROWS = 60;

/** Failed runs first, then those under way, then the rest; newest first within each. */
function byUrgency(a: TaskRun, b: TaskRun): number {
  const rank = (r: TaskRun): number => (FAILED.has(r.status) ? 0 : UNDER_WAY.has(r.status) ? 1 : 2);
  return rank(a) - rank(b) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);
}

/** The execution's data and task runs. */
export function ExecutionPanel({ view, onSelect, now }: ExecutionPanelProps): ReactNode {
  const [all, setAll] = useState(false);
  const sorted = [...view.tasks].sort(byUrgency);
  const runs = all ? sorted : sorted.slice(0, FIRST_ROWS);
  const subs = view.tasks.filter((t) => t.childExecutionId !== null);
  const columns: Column<TaskRun>[] = [
    { key: "task", header: "Task", render: (r) => <span className="mono truncate">{r.task}</span> },
    { key: "status", header: "Status", width: "9rem", nowrap: true, render: (r) => <StatusBadge status={r.status} label={taskStatusLabel(r.status)} /> },
    { key: "time", header: "Time", width: "5.5rem", nowrap: true, align: "right", render: (r) => <span className="mono">{formatDuration(runMs(r.startedAt, r.finishedAt, now) ?? NaN)}</span> },
  ];
  return (
    <section className="exec-panel" aria-label="Execution" data-testid="execution-panel">
      <header className="exec-panel__head">
        <div>
          <div className="exec-panel__kicker">Execution</div>
          <h2>Runs and data</h2>
        </div>
      </header>
      <p className="muted exec-panel__hint">Select a task in the graph (or below) for its input, result, error, items and log.</p>
      <details className="exec-section" open>
        <summary>Task runs ({view.tasks.length})</summary>
        <div className="exec-section__body">
          <DataTable<TaskRun>
            columns={columns}
            rows={runs}
            rowKey={(r) => r.id}
            onRowClick={(r) => onSelect(r.task)}
            rowClassName={(r) => (FAILED.has(r.status) ? "executions-row--failed" : undefined)}
            maxHeight="20rem"
            testId="execution-runs-table"
            empty={<p className="muted exec-panel__none">No task has run yet.</p>}
          />
          {sorted.length > runs.length && (
            <button type="button" className="button button--ghost button--small" onClick={() => setAll(true)} data-testid="execution-runs-all">
              Show all {sorted.length} runs
            </button>
          )}
        </div>
      </details>
      {subs.length > 0 && (
        <details className="exec-section" open>
          <summary>Sub-workflows ({subs.length})</summary>
          <div className="exec-section__body">
            <ul className="exec-children" data-testid="execution-children">
              {subs.map((r) => (
                <li key={r.id}>
                  <Link to={pathTo("/executions/:id", { id: r.childExecutionId ?? "" })} className="mono">
                    {r.task} → {r.childExecutionId}
                  </Link>{" "}
                  <StatusBadge status={r.status} label={taskStatusLabel(r.status)} />
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
      <details className="exec-section" open>
        <summary>Input</summary>
        <div className="exec-section__body" data-testid="execution-input">
          <JsonView value={view.input} />
        </div>
      </details>
      <details className="exec-section" open={view.output !== null}>
        <summary>Output</summary>
        <div className="exec-section__body" data-testid="execution-output">
          {view.output === null ? <p className="muted exec-panel__none">{view.finishedAt === null ? "No output until it succeeds." : "No output."}</p> : <JsonView value={view.output} />}
        </div>
      </details>
      <details className="exec-section" open={false}>
        <summary>Trigger</summary>
        <div className="exec-section__body">
          <JsonView value={view.trigger} />
          {view.concurrencyKey !== null && (
            <p className="muted">
              concurrency key <code>{view.concurrencyKey}</code>
            </p>
          )}
        </div>
      </details>
    </section>
  );
}
