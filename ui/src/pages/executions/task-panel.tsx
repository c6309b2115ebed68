// The side panel of a selected task: how the workflow declares it (action, items, join, retry,
// timeout) and where its transitions lead (targets are buttons that select that task), then its
// runs — a task reached twice ran twice, each run has a tab — with everything about the run
// chosen. Operators can rerun an ended execution from this task.
import type { ReactNode } from "react";
import { useSession } from "../../app/session";
import { ConfirmButton, StatusBadge, formatDuration } from "../../components";
import { rerun } from "./execution-actions";
import { ENGINE_COMMANDS } from "./graph/graph-model";
import type { TaskRunInfo } from "./graph/run-state";
import { FINISHED_EXECUTION, taskStatusLabel } from "./statuses";
import { TaskRunDetails } from "./task-run-details";
import type { ExecutionView, TaskSpec } from "./types";

/** Props of `<TaskPanel>`. */
export interface TaskPanelProps {
  name: string;
  /** Undefined when the workflow no longer declares the task. */
  spec: TaskSpec | undefined;
  info: TaskRunInfo | undefined;
  view: ExecutionView;
  isSub: boolean;
  /** 1-based run chosen in the URL (default: the latest). */
  runNumber: number | undefined;
  onRun: (n: number | undefined) => void;
  onSelect: (task: string | undefined) => void;
  now: number;
}

function Definition({ spec, isSub }: { spec: TaskSpec; isSub: boolean }): ReactNode {
  return (
    <dl className="exec-facts" data-testid="execution-task-definition">
      <dt>{isSub ? "Workflow" : "Action"}</dt>
      <dd className="mono">{spec.action}</dd>
      {spec.with !== undefined && (
        <>
          <dt>With items</dt>
          <dd>
            <code>{spec.with.items}</code>
            {spec.with.concurrency !== undefined && <span className="muted">, {spec.with.concurrency} at a time</span>}
          </dd>
        </>
      )}
      {spec.join !== undefined && (
        <>
          <dt>Join</dt>
          <dd>{spec.join === "all" ? "waits for every inbound task" : `waits for ${spec.join} arrivals`}</dd>
        </>
      )}
      {spec.retry !== undefined && (
        <>
          <dt>Retry</dt>
          <dd>
            {spec.retry.count}× after {formatDuration(spec.retry.delayMs)}
            {spec.retry.backoff !== 1 && <span className="muted"> (×{spec.retry.backoff} each time)</span>}
            {spec.retry.when !== undefined && (
              <>
                {" "}
                when <code>{spec.retry.when}</code>
              </>
            )}
          </dd>
        </>
      )}
      {spec.delayMs !== undefined && (
        <>
          <dt>Delay</dt>
          <dd>{formatDuration(spec.delayMs)}</dd>
        </>
      )}
      {spec.timeoutMs !== undefined && (
        <>
          <dt>Timeout</dt>
          <dd>{formatDuration(spec.timeoutMs)}</dd>
        </>
      )}
      {spec.queue !== undefined && (
        <>
          <dt>Queue</dt>
          <dd className="mono">{spec.queue}</dd>
        </>
      )}
    </dl>
  );
}

function Transitions({ spec, onSelect }: { spec: TaskSpec; onSelect: (task: string) => void }): ReactNode {
  if (spec.next.length === 0) return <p className="muted exec-panel__none">No transitions: the branch ends here.</p>;
  return (
    <ol className="exec-transitions" data-testid="execution-task-transitions">
      {spec.next.map((t, i) => (
        <li key={i}>
          <div>
            <span className="muted">when </span>
            <code>{t.when ?? "always"}</code>
          </div>
          <div className="exec-transitions__to">
            {t.do.length === 0 && <span className="muted">goes nowhere</span>}
            {t.do.map((target) =>
              ENGINE_COMMANDS.has(target) ? (
                <span key={target} className={`exec-command exec-command--${target}`} title="an engine command">
                  {target}
                </span>
              ) : (
                <button key={target} type="button" className="button button--small button--ghost mono" onClick={() => onSelect(target)} data-testid="execution-task-goto">
                  → {target}
                </button>
              ),
            )}
          </div>
          {Object.keys(t.publish).length > 0 && <div className="muted">publishes {Object.keys(t.publish).join(", ")}</div>}
        </li>
      ))}
    </ol>
  );
}

/** The panel of one task. */
export function TaskPanel(props: TaskPanelProps): ReactNode {
  const { name, spec, info, view, isSub, runNumber, onRun, onSelect, now } = props;
  const session = useSession();
  const runs = info?.runs ?? [];
  const chosen = runNumber !== undefined && runNumber >= 1 && runNumber <= runs.length ? runNumber : runs.length;
  const run = runs[chosen - 1];
  const canRerun = session.can("operator") && FINISHED_EXECUTION.has(view.status) && runs.length > 0;
  return (
    <section className="exec-panel" aria-label={`Task ${name}`} data-testid="execution-task-panel" data-task={name}>
      <header className="exec-panel__head">
        <div>
          <div className="exec-panel__kicker">Task</div>
          <h2 className="mono" data-testid="execution-task-name">
            {name}
          </h2>
        </div>
        <button type="button" className="button button--ghost button--small" onClick={() => onSelect(undefined)} aria-label="Close the task panel (Escape)" data-testid="execution-task-close">
          ✕
        </button>
      </header>
      {spec === undefined ? <p className="muted">The workflow no longer declares this task; its runs are below.</p> : <Definition spec={spec} isSub={isSub} />}
      {spec !== undefined && (
        <details className="exec-section" open>
          <summary>Transitions ({spec.next.length})</summary>
          <div className="exec-section__body">
            <Transitions spec={spec} onSelect={onSelect} />
          </div>
        </details>
      )}
      <div className="exec-panel__runs-head">
        <h3>{runs.length === 0 ? "Not run" : runs.length === 1 ? "Run" : `Runs (${runs.length})`}</h3>
        {canRerun && (
          <ConfirmButton onConfirm={() => rerun(view.id, [name])} confirmLabel="Rerun from here?" title="A new execution: this task runs again; what succeeded before it is carried over" testId="execution-task-rerun" className="button--small">
            Rerun this task
          </ConfirmButton>
        )}
      </div>
      {runs.length === 0 && (
        <p className="muted exec-panel__none" data-testid="execution-task-not-run">
          {FINISHED_EXECUTION.has(view.status) ? "This task did not run in this execution: no transition led to it." : "This task has not run yet."}
        </p>
      )}
      {runs.length > 1 && (
        <div className="exec-run-tabs" role="tablist" aria-label="Runs">
          {runs.map((r, i) => (
            <button key={r.id} type="button" role="tab" aria-selected={i + 1 === chosen} className={i + 1 === chosen ? "exec-run-tab is-active" : "exec-run-tab"} onClick={() => onRun(i + 1 === runs.length ? undefined : i + 1)} data-testid="execution-task-run-tab">
              #{i + 1} <StatusBadge status={r.status} label={taskStatusLabel(r.status)} />
            </button>
          ))}
        </div>
      )}
      {run !== undefined && <TaskRunDetails key={run.id} run={run} executionId={view.id} now={now} />}
    </section>
  );
}
