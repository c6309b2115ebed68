// A workflow definition read as a graph: one node per task, one edge per (task → task) pair
// that some transition of the first names in its `do` (several transitions to the same task
// become one edge carrying all their `when`s). Engine commands (`fail`, `noop`, `continue`,
// `retry`) are not tasks: they stay with their task, listed with the condition that leads there.
// This depends on the definition only, so the layout is computed once per workflow, not on
// every live update of the run.
import type { TaskSpec, TransitionSpec } from "../types";

/** The engine commands a transition's `do` may name instead of a task. */
export const ENGINE_COMMANDS: ReadonlySet<string> = new Set(["continue", "fail", "noop", "retry"]);

/** How an edge's conditions read: on success, on failure, always, or some other condition. */
export type EdgeKind = "ok" | "fail" | "always" | "cond";

/** One condition on an edge: the transition's `when` (undefined: whenever the task completes) and what it publishes. */
export interface EdgeCondition {
  when: string | undefined;
  publish: Record<string, unknown>;
  /** Position of the transition in the task's `next` (they are evaluated in order). */
  index: number;
}

/** An edge of the definition graph. */
export interface GraphEdge {
  /** `from→to`, unique. */
  key: string;
  from: string;
  to: string;
  kind: EdgeKind;
  conditions: EdgeCondition[];
}

/** An engine command a task's transition leads to. */
export interface CommandExit {
  command: string;
  when: string | undefined;
}

/** A workflow definition as nodes and edges. */
export interface GraphModel {
  /** Task names in document order. */
  ids: string[];
  tasks: ReadonlyMap<string, TaskSpec>;
  edges: GraphEdge[];
  /** Tasks no transition leads to: they start with the execution. */
  entries: ReadonlySet<string>;
  /** Per task, the engine commands its transitions may run. */
  commands: ReadonlyMap<string, CommandExit[]>;
}

/** How a `when` reads: `{{ $succeeded() }}` → ok, `{{ $failed() }}` → fail, none → always. */
export function kindOfWhen(when: string | undefined): EdgeKind {
  if (when === undefined || when.trim() === "") return "always";
  const ok = when.includes("$succeeded()");
  const fail = when.includes("$failed()");
  if (ok && !fail) return "ok";
  if (fail && !ok) return "fail";
  return "cond";
}

function mergeKind(kinds: readonly EdgeKind[]): EdgeKind {
  const first = kinds[0] ?? "always";
  return kinds.every((k) => k === first) ? first : "cond";
}

/** Builds the graph of a workflow's tasks. Targets that are neither tasks nor commands are left out. */
export function buildGraphModel(tasks: readonly TaskSpec[]): GraphModel {
  const byName = new Map(tasks.map((t) => [t.name, t] as const));
  const edges = new Map<string, GraphEdge>();
  const commands = new Map<string, CommandExit[]>();
  const reached = new Set<string>();
  for (const task of tasks) {
    task.next.forEach((transition: TransitionSpec, index) => {
      for (const target of transition.do) {
        if (byName.has(target)) {
          const key = `${task.name}→${target}`;
          const edge = edges.get(key) ?? { key, from: task.name, to: target, kind: "always" as EdgeKind, conditions: [] };
          edge.conditions.push({ when: transition.when, publish: transition.publish, index });
          edges.set(key, edge);
          if (target !== task.name) reached.add(target);
        } else if (ENGINE_COMMANDS.has(target)) {
          const list = commands.get(task.name) ?? [];
          list.push({ command: target, when: transition.when });
          commands.set(task.name, list);
        }
      }
    });
  }
  for (const edge of edges.values()) edge.kind = mergeKind(edge.conditions.map((c) => kindOfWhen(c.when)));
  return {
    ids: tasks.map((t) => t.name),
    tasks: byName,
    edges: [...edges.values()],
    entries: new Set(tasks.filter((t) => !reached.has(t.name)).map((t) => t.name)),
    commands,
  };
}
