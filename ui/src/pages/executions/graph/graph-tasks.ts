// The tasks to draw for an execution: the workflow's declared tasks, plus any task that ran but
// is no longer declared (the definition changed since), or — when the workflow is gone
// altogether — just the tasks that ran, without edges. So the graph never hides a run.
import type { ExecutionView, TaskSpec } from "../types";

/** Names of tasks that ran but are not in `declared`, in the order they first ran. */
export function undeclaredTasks(declared: readonly TaskSpec[] | undefined, view: ExecutionView | undefined): string[] {
  const known = new Set((declared ?? []).map((t) => t.name));
  const missing: string[] = [];
  for (const run of view?.tasks ?? []) {
    if (!known.has(run.task) && !missing.includes(run.task)) missing.push(run.task);
  }
  return missing;
}

/** The declared tasks followed by stand-ins for `missing` ones (no action known, no transitions). */
export function tasksToDraw(declared: readonly TaskSpec[] | undefined, missing: readonly string[]): readonly TaskSpec[] {
  if (missing.length === 0) return declared ?? [];
  return [...(declared ?? []), ...missing.map((name) => ({ name, action: "(not declared now)", input: {}, next: [] }))];
}
