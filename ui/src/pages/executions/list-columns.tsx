// The columns of the executions table: status, workflow, id, what started it, when, how long
// (ticking while it runs), and the error of a failed one. The id is a real link, so the list
// can be walked with the keyboard.
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { StatusBadge, TimeAgo, formatDuration } from "../../components";
import type { Column } from "../../components";
import { describeTrigger, runMs, shortId } from "./describe";
import type { ExecutionSummary } from "./types";

/** The table's columns; `now` makes running durations tick. */
export function listColumns(now: number): Column<ExecutionSummary>[] {
  return [
    {
      key: "status",
      header: "Status",
      width: "9.5rem",
      nowrap: true,
      render: (e) => <StatusBadge status={e.status} testId="executions-row-status" />,
    },
    {
      key: "workflow",
      header: "Workflow",
      render: (e) => (
        <div className="executions-cell-workflow">
          <Link to={pathTo("/executions/:id", { id: e.id })} className="mono" data-testid="executions-row-link">
            {e.workflow}
          </Link>
          {e.parentId !== null && (
            <Link to={pathTo("/executions/:id", { id: e.parentId })} className="executions-sub muted" title="This is a sub-workflow: open the execution that started it">
              ↳ sub-workflow
            </Link>
          )}
        </div>
      ),
    },
    {
      key: "id",
      header: "Id",
      width: "11rem",
      nowrap: true,
      render: (e) => (
        <span className="mono muted" title={e.id}>
          {shortId(e.id)}
        </span>
      ),
    },
    {
      key: "trigger",
      header: "Started by",
      render: (e) => {
        const t = describeTrigger(e.trigger);
        return (
          <span className="truncate executions-cell-trigger" title={t.text}>
            {t.text}
          </span>
        );
      },
    },
    {
      key: "created",
      header: "Created",
      width: "8rem",
      nowrap: true,
      render: (e) => <TimeAgo time={e.createdAt} />,
    },
    {
      key: "duration",
      header: "Duration",
      width: "8rem",
      nowrap: true,
      align: "right",
      render: (e) => {
        const ms = runMs(e.startedAt, e.finishedAt, now);
        if (ms === undefined) return <span className="muted">not started</span>;
        return <span className={e.finishedAt === null ? "mono executions-ticking" : "mono"} data-testid="executions-row-duration">{formatDuration(ms)}</span>;
      },
    },
    {
      key: "error",
      header: "Error",
      render: (e): ReactNode =>
        e.error === null ? (
          <span className="muted">—</span>
        ) : (
          <span className="executions-cell-error truncate" title={e.error}>
            {e.error}
          </span>
        ),
    },
  ];
}
