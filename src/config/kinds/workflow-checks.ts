// The checks on one Workflow document that its schema cannot express: names (tasks, inputs,
// vars, published values), each input's JSON Schema, durations within bounds, every `do`
// naming a task or an engine command, then the expressions (`workflow-templates.ts`) and the
// task graph (`workflow-graph.ts`). What other documents decide (actions, sub-workflows) is
// checked across documents, in `workflow-cross.ts`.
import type { PlacedSchema } from "../json-schema-check.js";
import { checkJsonSchema, compileJsonSchemas } from "../json-schema-check.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import { ENGINE_COMMANDS } from "../workflow-types.js";
import { formatMs } from "./duration-bounds.js";
import { MAX_TASK_DURATION_MS, MAX_TASKS } from "./workflow-defaults.js";
import { graphProblems } from "./workflow-graph.js";
import type { WorkflowDocument, WorkflowDurationText } from "./workflow-schema.js";
import type { NamedEntry, TaskOutline } from "./workflow-shapes.js";
import { CTX_NAME, TASK_NAME, durationMs, inputEntries, namedEntries, taskOutlines } from "./workflow-shapes.js";
import { workflowTemplateProblems } from "./workflow-templates.js";

const COMMANDS: readonly string[] = ENGINE_COMMANDS;

/** Every problem of a Workflow document that fits the schema. */
export function workflowProblems(doc: WorkflowDocument, at: ProblemLocator): ConfigProblem[] {
  const tasks = taskOutlines(doc);
  if (tasks.length === 0) return [at.problem("/tasks", "a workflow needs at least one task under 'tasks'")];
  if (tasks.length > MAX_TASKS) {
    return [at.problem("/tasks", `a workflow has at most ${MAX_TASKS} tasks (this one has ${tasks.length}); split it into sub-workflows`, "key")];
  }
  const problems = [
    ...taskNameProblems(tasks, at),
    ...inputProblems(doc, at),
    ...ctxNameProblems(namedEntries(doc.vars, "/vars"), "var", at),
    ...durationProblems(doc, tasks, at),
    ...doProblems(tasks, at),
  ];
  for (const { task, pointer } of tasks) {
    (task.next ?? []).forEach((transition, i) => {
      problems.push(...ctxNameProblems(namedEntries(transition.publish, `${pointer}/next/${i}/publish`), "published value", at));
    });
  }
  problems.push(...workflowTemplateProblems(doc, tasks, at), ...graphProblems(tasks, at));
  return problems;
}

/** Task names must fit `TASK_NAME` and must not be an engine command. */
function taskNameProblems(tasks: readonly TaskOutline[], at: ProblemLocator): ConfigProblem[] {
  return tasks.flatMap(({ name, pointer }) => {
    if (COMMANDS.includes(name)) {
      return [at.problem(pointer, `'${name}' is an engine command (${COMMANDS.join(", ")}), so it cannot name a task; rename the task`, "key")];
    }
    if (TASK_NAME.test(name)) return [];
    const message = `task name '${name}' must be 1 to 128 letters, digits, '_' or '-', starting with a letter or '_'`;
    return [at.problem(pointer, message, "key")];
  });
}

/** Input names, and each input's JSON Schema (mapping form): valid, and compiling. */
function inputProblems(doc: WorkflowDocument, at: ProblemLocator): ConfigProblem[] {
  const inputs = inputEntries(doc);
  const problems = ctxNameProblems(inputs, "input", at);
  if (Array.isArray(doc.input)) return problems;
  const valid: PlacedSchema[] = [];
  for (const input of inputs) {
    const placed = { schema: input.value as Record<string, unknown>, pointer: input.pointer, doc: at };
    const invalid = checkJsonSchema(placed);
    if (invalid.length === 0) valid.push(placed);
    problems.push(...invalid);
  }
  problems.push(...compileJsonSchemas(valid));
  return problems;
}

/** Names read as `ctx.<name>` must fit `CTX_NAME` and be given once per list or mapping. */
function ctxNameProblems(entries: readonly NamedEntry[], what: string, at: ProblemLocator): ConfigProblem[] {
  const seen = new Map<string, NamedEntry>();
  const problems: ConfigProblem[] = [];
  for (const entry of entries) {
    const place = (message: string): ConfigProblem => at.problem(entry.pointer, message, entry.namePart);
    if (!CTX_NAME.test(entry.name)) {
      const message = `${what} name '${entry.name}' must be letters, digits and '_', not starting with a digit: it is read as ctx.${entry.name}`;
      problems.push(place(message));
    } else if (seen.has(entry.name)) {
      problems.push(place(`${what} '${entry.name}' is given twice; keep one`));
    }
    seen.set(entry.name, entry);
  }
  return problems;
}

/** Durations within their bounds: `delay`, `retry.delay` at least 0, `timeout` and `budget.per` above 0. */
function durationProblems(doc: WorkflowDocument, tasks: readonly TaskOutline[], at: ProblemLocator): ConfigProblem[] {
  const problems = boundsProblems(doc.budget?.per, "/budget/per", { label: "'budget.per'", positive: true }, at);
  const task = { max: MAX_TASK_DURATION_MS };
  for (const { task: t, pointer } of tasks) {
    problems.push(...boundsProblems(t.delay, `${pointer}/delay`, { ...task, label: "'delay'" }, at));
    problems.push(...boundsProblems(t.timeout, `${pointer}/timeout`, { ...task, label: "'timeout'", positive: true }, at));
    problems.push(...boundsProblems(t.retry?.delay, `${pointer}/retry/delay`, { ...task, label: "'retry.delay'" }, at));
  }
  return problems;
}

/** Bounds of one duration field: its label in messages, whether 0 is refused, the longest allowed. */
interface Bounds {
  label: string;
  positive?: boolean;
  max?: number;
}

/** A problem when `written` (at `pointer`) is outside `bounds`; none when it is absent. */
function boundsProblems(written: WorkflowDurationText | undefined, pointer: string, bounds: Bounds, at: ProblemLocator): ConfigProblem[] {
  if (written === undefined) return [];
  const ms = durationMs(written);
  const got = ` (got ${String(written)})`;
  if (bounds.positive === true && ms === 0) return [at.problem(pointer, `${bounds.label} must be longer than 0s${got}`)];
  if (bounds.max !== undefined && ms > bounds.max) return [at.problem(pointer, `${bounds.label} must be at most ${formatMs(bounds.max)}${got}`)];
  return [];
}

/** A problem for each name in a `do` that is neither a task of this workflow nor an engine command. */
function doProblems(tasks: readonly TaskOutline[], at: ProblemLocator): ConfigProblem[] {
  const names = tasks.map((t) => t.name);
  const problems: ConfigProblem[] = [];
  for (const transition of tasks.flatMap((t) => t.transitions)) {
    for (const { name, pointer } of transition.targets) {
      if (name === "") {
        problems.push(at.problem(pointer, "'do' has an empty name; separate task names with single commas"));
      } else if (!names.includes(name) && !COMMANDS.includes(name)) {
        const message =
          `'do' names '${name}', which is not a task of this workflow (tasks: ${names.join(", ")}) ` +
          `nor an engine command (${COMMANDS.join(", ")})${didYouMean(name, [...names, ...COMMANDS])}`;
        problems.push(at.problem(pointer, message));
      }
    }
  }
  return problems;
}
