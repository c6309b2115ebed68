// The checks on workflows that need other documents or the action catalog: each task's
// `action` is a known action, a declared workflow or a declared Function (`function.<name>`;
// only the `pack.name` shape when the loader was given no catalog); the task gives every input its action or sub-workflow requires, and a
// sub-workflow no input it does not take (the engine refuses those when the task runs); no
// workflow runs itself, directly or through others (the execution would never end); and no
// workflow has the name of an action, which would make `action: <name>` ambiguous.
import { pointerSegment } from "../../core/json.js";
import type { ActionCatalog } from "../action-catalog.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import type { TaskSpec, WorkflowSpec } from "../workflow-types.js";
import { FUNCTION_ACTION_PREFIX } from "./function-schema.js";
import type { CrossContext, Loaded } from "./kind.js";
import { stronglyConnected } from "./strongly-connected.js";

/** What an action ref looks like: `pack.name`. */
const ACTION_REF = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

/** Every cross-document problem of the workflows `loaded`. */
export function workflowCrossProblems(loaded: readonly Loaded<WorkflowSpec>[], context: CrossContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { actions } = context;
  const workflows = context.config.workflows;
  for (const { spec, doc } of loaded) {
    if (actions?.has(spec.name) === true) {
      const message = `workflow '${spec.name}' has the name of an action, so 'action: ${spec.name}' would be ambiguous; rename the workflow`;
      problems.push(doc.problem("/name", message));
    }
    for (const task of spec.tasks) {
      const pointer = `/tasks/${pointerSegment(task.name)}`;
      const runs = runnable(task.action, context);
      if (runs === undefined) {
        const declaredFunctions = [...context.config.functions.keys()].map((name) => `${FUNCTION_ACTION_PREFIX}${name}`);
        problems.push(doc.problem(`${pointer}/action`, unknownActionMessage(task, actions, [...workflows.keys(), ...declaredFunctions])));
        continue;
      }
      problems.push(...taskInputProblems(task, runs, pointer, doc));
    }
  }
  problems.push(...cycleProblems(loaded, workflows));
  return problems;
}

/** Inputs `task` (at `pointer`) does not give though `runs` requires them, or gives though it does not take them. */
function taskInputProblems(task: TaskSpec, runs: Runnable, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const takes = runs.takes;
  if (takes !== undefined) {
    for (const name of Object.keys(task.input).filter((n) => !takes.includes(n))) {
      const listing = takes.length === 0 ? "it takes no inputs" : `its inputs: ${takes.join(", ")}`;
      const message = `task '${task.name}' gives input '${name}', which ${runs.what} does not take (${listing})${didYouMean(name, takes)}`;
      problems.push(at.problem(`${pointer}/input/${pointerSegment(name)}`, message, "key"));
    }
  }
  // At the task's `input` key when it has one, else at its action.
  const hasInput = Object.keys(task.input).length > 0;
  for (const name of runs.required.filter((n) => !(n in task.input))) {
    const message = `task '${task.name}' does not give input '${name}', which ${runs.what} requires; add it under 'input'`;
    problems.push(at.problem(hasInput ? `${pointer}/input` : `${pointer}/action`, message, hasInput ? "key" : "value"));
  }
  return problems;
}

/** What a task's `action` runs, as far as its inputs go. */
interface Runnable {
  /** `action 'core.echo'`, `workflow 'heal'`: for messages. */
  what: string;
  /** Inputs it requires. */
  required: readonly string[];
  /** Every input it takes, when known (a sub-workflow's); undefined: not checked. */
  takes?: readonly string[];
}

/** What `ref` runs, or undefined when it is not something a task can run. */
function runnable(ref: string, context: CrossContext): Runnable | undefined {
  if (context.declared("Workflow", ref) !== undefined) {
    const spec = context.config.workflows.get(ref);
    const what = `workflow '${ref}'`;
    // A declared workflow with problems of its own has no spec; its inputs are unknown.
    if (spec === undefined) return { what, required: [] };
    return { what, required: spec.input.filter((i) => i.required).map((i) => i.name), takes: spec.input.map((i) => i.name) };
  }
  const fn = ref.startsWith(FUNCTION_ACTION_PREFIX) ? ref.slice(FUNCTION_ACTION_PREFIX.length) : undefined;
  if (fn !== undefined) {
    // The `function` pack is exactly the declared Functions.
    if (context.declared("Function", fn) === undefined) return undefined;
    // A declared Function with problems of its own has no spec; its inputs are unknown.
    const required = context.config.functions.get(fn)?.inputSchema?.["required"];
    return { what: `function '${fn}'`, required: Array.isArray(required) ? required.filter((r) => typeof r === "string") : [] };
  }
  const what = `action '${ref}'`;
  const { actions } = context;
  if (actions === undefined) return ACTION_REF.test(ref) ? { what, required: [] } : undefined;
  return actions.has(ref) ? { what, required: actions.requiredInputs(ref) ?? [] } : undefined;
}

/** Why `task` cannot run its action; `declared` are the workflows and `function.<name>` refs offered instead. */
function unknownActionMessage(task: TaskSpec, actions: ActionCatalog | undefined, declared: readonly string[]): string {
  const ref = task.action;
  if (ref.startsWith(FUNCTION_ACTION_PREFIX)) {
    const fn = ref.slice(FUNCTION_ACTION_PREFIX.length);
    return `task '${task.name}' runs '${ref}', but no Function '${fn}' is declared; declare it with 'kind: Function'${didYouMean(ref, declared)}`;
  }
  if (actions === undefined) {
    const shape = "an action ref (pack.name, such as core.echo)";
    return `task '${task.name}' runs '${ref}', which is neither ${shape} nor a declared workflow${didYouMean(ref, declared)}`;
  }
  const known = [...actions.refs(), ...declared];
  return `task '${task.name}' runs '${ref}', which is neither a known action nor a declared workflow${didYouMean(ref, known)}`;
}

/** A problem at each workflow that runs itself, directly or through other workflows. */
function cycleProblems(loaded: readonly Loaded<WorkflowSpec>[], workflows: ReadonlyMap<string, WorkflowSpec>): ConfigProblem[] {
  const runs = (name: string): string[] => (workflows.get(name)?.tasks ?? []).map((t) => t.action).filter((ref) => workflows.has(ref));
  const problems: ConfigProblem[] = [];
  const order = loaded.map((l) => l.spec.name);
  for (const component of stronglyConnected(order, runs)) {
    const members = order.filter((name) => component.includes(name));
    for (const { spec, doc } of loaded) {
      if (!members.includes(spec.name)) continue;
      const task = spec.tasks.find((t) => members.includes(t.action));
      if (task === undefined) continue;
      const how =
        task.action === spec.name
          ? "runs itself"
          : `runs '${task.action}', which runs '${spec.name}' again (workflows in the cycle: ${members.map((n) => `'${n}'`).join(", ")})`;
      const message = `workflow '${spec.name}' ${how}; a workflow cannot run itself, directly or through other workflows`;
      problems.push(doc.problem(`/tasks/${pointerSegment(task.name)}/action`, message));
    }
  }
  return problems;
}
