// The task graph of a workflow, checked before anything runs. Tasks are nodes; each task named
// in a transition's `do` is an edge from the transition's task. Orquesta's rules: start tasks
// are those no edge leads to (a task that only leads to itself is not one); every other task
// must be reachable from a start task; a `join` waits for arrivals, so it needs at least that
// many inbound edges and cannot be on a start task. Because every transition whose `when`
// holds is taken, a cycle made only of unconditional edges never ends (even when some
// transition leaves it), so each strongly connected component of the unconditional edges is
// reported, naming its tasks.
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { stronglyConnected } from "./strongly-connected.js";
import type { DoTarget, TaskOutline } from "./workflow-shapes.js";

/** An edge of the graph: `to` is named (at `target.pointer`) in a transition of `from`. */
interface Edge {
  from: string;
  to: string;
  conditional: boolean;
  target: DoTarget;
}

/** Every graph problem of the workflow whose tasks are `tasks` (edges to unknown names are ignored). */
export function graphProblems(tasks: readonly TaskOutline[], at: ProblemLocator): ConfigProblem[] {
  const names = new Set(tasks.map((t) => t.name));
  const edges = tasks.flatMap((task) =>
    task.transitions.flatMap((transition) =>
      transition.targets
        .filter((target) => names.has(target.name))
        .map((target): Edge => ({ from: task.name, to: target.name, conditional: transition.conditional, target })),
    ),
  );
  return [...reachProblems(tasks, edges, at), ...joinProblems(tasks, edges, at), ...loopProblems(tasks, edges, at)];
}

/** A problem for each task no start task leads to, or one when there is no start task at all. */
function reachProblems(tasks: readonly TaskOutline[], edges: readonly Edge[], at: ProblemLocator): ConfigProblem[] {
  const starts = tasks.filter((t) => !edges.some((e) => e.to === t.name)).map((t) => t.name);
  if (starts.length === 0) {
    const message =
      "no task starts the workflow: every task is named in some 'do', so none runs first; " +
      "a start task is one no transition leads to";
    return [at.problem("/tasks", message, "key")];
  }
  const reached = new Set(starts);
  const queue = [...starts];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const edge of edges) {
      if (edge.from !== name || reached.has(edge.to)) continue;
      reached.add(edge.to);
      queue.push(edge.to);
    }
  }
  return tasks
    .filter((t) => !reached.has(t.name))
    .map((t) => {
      const from = unique(edges.filter((e) => e.to === t.name).map((e) => e.from));
      const message =
        `task '${t.name}' is unreachable: only ${quoted(from)} lead${from.length === 1 ? "s" : ""} to it, ` +
        `and no start task (${quoted(starts)}) leads there`;
      return at.problem(t.pointer, message, "key");
    });
}

/** A problem for each `join` on a start task or asking for more arrivals than edges lead in. */
function joinProblems(tasks: readonly TaskOutline[], edges: readonly Edge[], at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { name, pointer, task } of tasks) {
    if (task.join === undefined) continue;
    const inbound = edges.filter((e) => e.to === name);
    if (inbound.length === 0) {
      const message = `task '${name}' has 'join' but is a start task: no transition leads to it, so there is nothing to wait for; remove 'join'`;
      problems.push(at.problem(`${pointer}/join`, message));
    } else if (task.join !== "all" && task.join > inbound.length) {
      const n = inbound.length;
      const message =
        `'join: ${task.join}' waits for ${task.join} arrivals but only ${n} transition${n === 1 ? " leads" : "s lead"} ` +
        `to '${name}' (from ${quoted(unique(inbound.map((e) => e.from)))}); lower it or write 'join: all'`;
      problems.push(at.problem(`${pointer}/join`, message));
    }
  }
  return problems;
}

/** A problem for each cycle of unconditional edges, at the first such edge of its first task. */
function loopProblems(tasks: readonly TaskOutline[], edges: readonly Edge[], at: ProblemLocator): ConfigProblem[] {
  const unconditional = edges.filter((e) => !e.conditional);
  const order = tasks.map((t) => t.name);
  const problems: ConfigProblem[] = [];
  const successors = (name: string) => unconditional.filter((e) => e.from === name).map((e) => e.to);
  for (const component of stronglyConnected(order, successors)) {
    const members = new Set(component);
    const inside = unconditional.filter((e) => members.has(e.from) && members.has(e.to));
    const first = inside[0];
    if (first === undefined) continue;
    const names = order.filter((n) => members.has(n));
    const message =
      names.length === 1
        ? `task '${first.from}' runs itself again forever: its transition back to itself has no 'when'; add one so the loop can end`
        : `tasks ${quoted(names)} run in a loop forever: every transition between them is taken without a 'when'; ` +
          "add a 'when' to one of them so the loop can end";
    problems.push(at.problem(first.target.pointer, message));
  }
  return problems;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** `'a', 'b'`. */
function quoted(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(", ");
}
