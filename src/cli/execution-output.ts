// How the CLI shows executions to people: the shapes it reads from the API, a summary with a
// table of task runs, and one line per task run when following an execution live.
import { printTable } from "./output.js";

/** An execution as the API lists it. */
export interface ExecutionSummary {
  id: string;
  workflow: string;
  status: string;
  input: unknown;
  output: unknown;
  error: string | null;
  parentId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One task run of an execution view. */
export interface TaskRun {
  id: string;
  task: string;
  status: string;
  error: string | null;
  attempt: number;
  durationMs: number | null;
  itemsTotal?: number;
  items?: { status: string }[];
  childExecutionId: string | null;
}

/** An execution with its task runs. */
export interface ExecutionView extends ExecutionSummary {
  tasks: TaskRun[];
  children: string[];
}

/** Milliseconds between two RFC 3339 times as `1.25 s`, or `-`. */
export function elapsed(from: string | null, to: string | null): string {
  if (from === null || to === null) return "-";
  return seconds(Date.parse(to) - Date.parse(from));
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Prints an execution: a few lines about it, then its task runs as a table. */
export function printExecution(view: ExecutionView): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`execution ${view.id}  ${view.workflow}  ${view.status}`);
  if (view.parentId !== null) out(`  parent    ${view.parentId}`);
  out(`  created   ${view.createdAt}`);
  if (view.finishedAt !== null) out(`  finished  ${view.finishedAt} (${elapsed(view.startedAt ?? view.createdAt, view.finishedAt)})`);
  out(`  input     ${JSON.stringify(view.input)}`);
  if (view.output !== null) out(`  output    ${JSON.stringify(view.output)}`);
  if (view.error !== null) out(`  error     ${view.error}`);
  out("");
  printTable(
    view.tasks.map((run) => ({
      task: run.task,
      status: run.status,
      attempt: run.attempt,
      items: run.items === undefined ? null : `${run.items.filter((i) => i.status === "succeeded").length}/${run.itemsTotal ?? run.items.length}`,
      duration: run.durationMs === null ? null : seconds(run.durationMs),
      child: run.childExecutionId,
      error: run.error,
    })),
    ["task", "status", "attempt", "items", "duration", "child", "error"],
  );
}

/**
 * Returns a function that, given each new view of one execution, prints a line for every task
 * run whose status changed since the previous view.
 */
export function taskChangePrinter(): (view: ExecutionView) => void {
  const seen = new Map<string, string>();
  return (view) => {
    for (const run of view.tasks) {
      if (seen.get(run.id) === run.status) continue;
      seen.set(run.id, run.status);
      process.stdout.write(`  ${run.task}: ${run.status}${run.error === null ? "" : ` (${run.error})`}\n`);
    }
  };
}
