// One run of a task, in full: its status, attempts and times, the sub-workflow it started, the
// question it waits on, its error, then its items, result, log, input and what its transition
// published — each in a section that can be folded.
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { JsonView, StatusBadge, TimeAgo, formatDuration } from "../../components";
import { ApprovalNote } from "./approval-note";
import { runMs } from "./describe";
import { taskStatusLabel } from "./statuses";
import { TaskItems } from "./task-items";
import { TaskLogs } from "./task-logs";
import type { TaskRun } from "./types";

/** Props of `<TaskRunDetails>`. */
export interface TaskRunDetailsProps {
  run: TaskRun;
  executionId: string;
  now: number;
}

function Section({ title, children, open = true, testId }: { title: ReactNode; children: ReactNode; open?: boolean; testId?: string }): ReactNode {
  return (
    <details className="exec-section" open={open} data-testid={testId}>
      <summary>{title}</summary>
      <div className="exec-section__body">{children}</div>
    </details>
  );
}

function Time({ label, time }: { label: string; time: string | null }): ReactNode {
  return (
    <>
      <dt>{label}</dt>
      <dd>{time === null ? <span className="muted">—</span> : <TimeAgo time={time} />}</dd>
    </>
  );
}

/** Everything about one task run. */
export function TaskRunDetails({ run, executionId, now }: TaskRunDetailsProps): ReactNode {
  const ms = runMs(run.startedAt, run.finishedAt, now);
  const hasItems = run.itemsTotal !== undefined;
  return (
    <div className="exec-run" data-testid="execution-task-run" data-run={run.id} data-status={run.status}>
      <dl className="exec-facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} label={taskStatusLabel(run.status)} testId="execution-task-status" />
        </dd>
        <dt>Attempt</dt>
        <dd data-testid="execution-task-attempt">{run.attempt}</dd>
        {run.arrivals > 1 && (
          <>
            <dt>Arrivals</dt>
            <dd title="transitions that reached this run (a join)">{run.arrivals}</dd>
          </>
        )}
        <Time label="Created" time={run.createdAt} />
        <Time label="Started" time={run.startedAt} />
        <Time label="Finished" time={run.finishedAt} />
        <dt>Duration</dt>
        <dd className="mono" data-testid="execution-task-duration">
          {ms === undefined ? <span className="muted">—</span> : formatDuration(ms)}
          {run.finishedAt === null && ms !== undefined && <span className="muted"> so far</span>}
        </dd>
        {run.childExecutionId !== null && (
          <>
            <dt>Sub-workflow</dt>
            <dd>
              <Link to={pathTo("/executions/:id", { id: run.childExecutionId })} data-testid="execution-task-child">
                open its execution →
              </Link>
            </dd>
          </>
        )}
      </dl>
      {run.status === "pending" && <ApprovalNote executionId={executionId} taskRunId={run.id} />}
      {run.error !== null && (
        <pre className="exec-error exec-error--block" data-testid="execution-task-error">
          {run.error}
        </pre>
      )}
      {hasItems && (
        <Section title={`Items (${run.itemsTotal ?? 0})`} testId="execution-task-items-section">
          <TaskItems total={run.itemsTotal ?? 0} items={run.items ?? []} now={now} />
        </Section>
      )}
      <Section title="Result" testId="execution-task-result">
        {run.result === null || run.result === undefined ? <p className="muted exec-panel__none">No result{run.finishedAt === null ? " yet" : ""}.</p> : <JsonView value={run.result} openDepth={hasItems ? 1 : 2} />}
      </Section>
      <Section title={`Log (${run.logs.length})`} testId="execution-task-logs-section">
        <TaskLogs logs={run.logs} />
      </Section>
      <Section title="Input" open={!hasItems} testId="execution-task-input">
        {run.input === null || run.input === undefined ? <p className="muted exec-panel__none">{hasItems ? "Each item has its own input (open an item)." : "No input."}</p> : <JsonView value={run.input} />}
      </Section>
      {run.published !== null && run.published !== undefined && (
        <Section title="Published" open={false} testId="execution-task-published">
          <JsonView value={run.published} />
        </Section>
      )}
    </div>
  );
}
