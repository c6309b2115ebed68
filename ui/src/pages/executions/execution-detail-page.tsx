// `/executions/:id`: one execution as its workflow's graph — tasks coloured by state and kept
// current over the execution's event stream — with the selected task's runs (or the
// execution's own data) in a side panel, and the operator's pause, resume, cancel and rerun.
// The selected task, its run and the layout direction are in the URL (`?task=&run=&dir=lr`).
import { useCallback, useEffect, useMemo } from "react";
import type { ReactNode } from "react";
import { setQuery, useQuery } from "../../app/query-state";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ErrorState, Loading, PageHeader } from "../../components";
import "../../styles/executions.css";
import "../../styles/execution-graph.css";
import "../../styles/execution-panel.css";
import { ExecutionActions } from "./execution-actions";
import { ExecutionPanel } from "./execution-panel";
import { ExecutionSummary } from "./execution-summary";
import { buildGraphModel } from "./graph/graph-model";
import { tasksToDraw, undeclaredTasks } from "./graph/graph-tasks";
import { GraphView } from "./graph/graph-view";
import { DEFAULT_LAYOUT, layoutGraph } from "./graph/layout";
import type { Direction } from "./graph/layout";
import { runInfoByTask, takenEdges } from "./graph/run-state";
import { isLive } from "./statuses";
import { TaskPanel } from "./task-panel";
import type { ExecutionView, WorkflowDetail, WorkflowSummary } from "./types";
import { useLiveExecution } from "./use-live-execution";
import { useTicker } from "./use-ticker";

/** `/executions/:id`: the workflow graph, live. */
export function ExecutionDetailPage({ params }: PageProps): ReactNode {
  const id = params.id ?? "";
  const exec = useLiveExecution(id);
  const view = exec.view;
  useTitle(view === undefined ? "Execution" : `${view.workflow} · Execution`);

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link to="/executions" data-testid="execution-back">
            ← Executions
          </Link>
        }
        title={view === undefined ? "Execution" : <span className="mono">{view.workflow}</span>}
        actions={view === undefined ? undefined : <ExecutionActions view={view} onChanged={exec.accept} />}
      />
      {view === undefined ? (
        exec.error !== undefined ? (
          <ErrorState error={exec.error} onRetry={() => void exec.refetch()} title={exec.error.status === 404 ? "No such execution" : undefined} />
        ) : (
          <Loading rows={6} />
        )
      ) : (
        <ExecutionBody view={view} live={exec.live} refreshError={exec.error} onRetry={() => void exec.refetch()} />
      )}
    </>
  );
}

interface BodyProps {
  view: ExecutionView;
  live: ReturnType<typeof useLiveExecution>["live"];
  refreshError: Error | undefined;
  onRetry: () => void;
}

function ExecutionBody({ view, live, refreshError, onRetry }: BodyProps): ReactNode {
  const query = useQuery();
  const direction: Direction = query.dir === "lr" ? "LR" : "TB";
  const selected = query.task === "" ? undefined : query.task;
  const runNumber = query.run === undefined ? undefined : Number.parseInt(query.run, 10) || undefined;
  const now = useTicker(1000, isLive(view.status));

  const workflow = useApi<WorkflowDetail>(`/api/v1/workflows/${encodeURIComponent(view.workflow)}`);
  const workflows = useApi<{ items: WorkflowSummary[] }>("/api/v1/workflows");

  // The definition changes rarely; the run often. Only the definition (and the set of tasks
  // that ran) decides the layout.
  const declared = workflow.data?.tasks;
  const missing = undeclaredTasks(declared, view);
  const missingKey = missing.join("\u0000");
  const model = useMemo(() => buildGraphModel(tasksToDraw(declared, missingKey === "" ? [] : missingKey.split("\u0000"))), [declared, missingKey]);
  const layout = useMemo(() => layoutGraph(model.ids, model.edges, model.entries, { ...DEFAULT_LAYOUT, direction }), [model, direction]);
  const info = useMemo(() => runInfoByTask(view, model.ids), [view, model]);
  const joins = useMemo(() => new Set([...model.tasks.values()].filter((t) => t.join !== undefined).map((t) => t.name)), [model]);
  // The same set object while its content stays the same, so the edges are not redrawn.
  const takenNow = useMemo(() => takenEdges(model.edges, info, joins), [model, info, joins]);
  const takenKey = [...takenNow].sort().join("\u0000");
  const taken = useMemo(() => new Set(takenKey === "" ? [] : takenKey.split("\u0000")), [takenKey]);
  const subworkflows = useMemo(() => {
    const names = new Set(workflows.data?.items.map((w) => w.name) ?? []);
    const subs = new Set<string>();
    for (const [name, task] of model.tasks) if (names.has(task.action)) subs.add(name);
    for (const run of view.tasks) if (run.childExecutionId !== null) subs.add(run.task);
    return subs;
  }, [workflows.data, model, view.tasks]);

  const onSelect = useCallback((task: string | undefined) => setQuery({ task, run: undefined }), []);
  const onDirection = useCallback((d: Direction) => setQuery({ dir: d === "LR" ? "lr" : undefined }), []);

  // Escape closes the task panel from anywhere but a form field.
  useEffect(() => {
    if (selected === undefined) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if ((event.target as Element | null)?.closest("input, select, textarea") != null) return;
      onSelect(undefined);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selected, onSelect]);

  const waitingForDefinition = workflow.data === undefined && workflow.error === undefined;
  return (
    <div className="stack exec-detail" data-testid="execution-detail" data-status={view.status} data-version={view.version}>
      <ExecutionSummary view={view} live={live} now={now} />
      {refreshError !== undefined && <ErrorState error={refreshError} onRetry={onRetry} title="Could not refresh; showing the last data" />}
      {workflow.error !== undefined && (
        <div className="notice" data-testid="execution-definition-missing">
          {workflow.error.status === 404
            ? `The workflow ${view.workflow} is no longer declared: the tasks that ran are shown without their transitions.`
            : `The workflow's definition did not load (${workflow.error.message}): the tasks that ran are shown without their transitions.`}
        </div>
      )}
      {missing.length > 0 && workflow.data !== undefined && (
        <div className="notice" data-testid="execution-definition-changed">
          The workflow changed since this execution ran: {missing.join(", ")} {missing.length === 1 ? "is" : "are"} no longer declared.
        </div>
      )}
      <div className={selected === undefined ? "exec-layout" : "exec-layout has-task"}>
        <div className="exec-layout__graph">
          {waitingForDefinition ? (
            <Loading rows={4} label="Loading the workflow" />
          ) : (
            <GraphView model={model} layout={layout} info={info} taken={taken} selected={selected} onSelect={onSelect} subworkflows={subworkflows} now={now} direction={direction} onDirection={onDirection} executionStatus={view.status} />
          )}
        </div>
        <aside className="exec-layout__side">
          {selected === undefined ? (
            <ExecutionPanel view={view} onSelect={onSelect} now={now} />
          ) : (
            <TaskPanel
              name={selected}
              spec={model.tasks.get(selected)}
              info={info.get(selected)}
              view={view}
              isSub={subworkflows.has(selected)}
              runNumber={runNumber}
              onRun={(n) => setQuery({ run: n === undefined ? undefined : String(n) })}
              onSelect={onSelect}
              now={now}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
