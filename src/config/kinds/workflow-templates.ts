// The expressions of a Workflow document, checked before anything runs: every template must
// compile; conditions (`when`, `retry.when`) and `with.items` must be exactly one `{{ … }}`
// (they give a value, not text); and what the expressions refer to must exist (`ctx.<name>`,
// `$task('name')`, see `workflow-refs.ts`). Each problem is placed at the string that holds it.
import { compileExpression } from "../../expr/index.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import { templateProblems } from "./template-check.js";
import { IMPLICIT_CTX_NAMES } from "./workflow-defaults.js";
import type { WorkflowDocument } from "./workflow-schema.js";
import type { TaskOutline } from "./workflow-shapes.js";
import { inputEntries, namedEntries } from "./workflow-shapes.js";
import { scanRefs, templateStrings } from "./workflow-refs.js";

/** A value of the document that may hold templates. */
interface PlacedTemplate {
  value: unknown;
  pointer: string;
  /** For a value that must be one `{{ … }}` expression: the field's name in messages. */
  single?: string;
}

/** Every problem of the templates of `doc` (its tasks read as `tasks`). */
export function workflowTemplateProblems(doc: WorkflowDocument, tasks: readonly TaskOutline[], at: ProblemLocator): ConfigProblem[] {
  const placed = templatesOf(doc, tasks);
  const problems: ConfigProblem[] = [];
  for (const { value, pointer, single } of placed) {
    const found = templateProblems(value, pointer, at);
    if (found.length === 0 && single !== undefined && typeof value === "string") found.push(...singleExpressionProblems(value, pointer, single, at));
    problems.push(...found);
  }
  problems.push(...referenceProblems(placed, knownCtxNames(doc, tasks), tasks.map((t) => t.name), at));
  return problems;
}

/** The template-holding values of `doc`, in document order. */
function templatesOf(doc: WorkflowDocument, tasks: readonly TaskOutline[]): PlacedTemplate[] {
  const placed: PlacedTemplate[] = namedEntries(doc.vars, "/vars").map((e) => ({ value: e.value, pointer: e.pointer }));
  for (const { task, pointer } of tasks) {
    placed.push({ value: task.input, pointer: `${pointer}/input` });
    if (task.with !== undefined) placed.push({ value: task.with.items, pointer: `${pointer}/with/items`, single: "with.items" });
    if (task.retry?.when !== undefined) placed.push({ value: task.retry.when, pointer: `${pointer}/retry/when`, single: "retry.when" });
    (task.next ?? []).forEach((transition, i) => {
      const at = `${pointer}/next/${i}`;
      if (transition.when !== undefined) placed.push({ value: transition.when, pointer: `${at}/when`, single: "when" });
      for (const e of namedEntries(transition.publish, `${at}/publish`)) placed.push({ value: e.value, pointer: e.pointer });
    });
  }
  placed.push({ value: doc.output, pointer: "/output" });
  placed.push({ value: doc.concurrency?.key, pointer: "/concurrency/key" });
  return placed;
}

/** A problem unless `text` is exactly one `{{ … }}` expression (whitespace around it aside). */
function singleExpressionProblems(text: string, pointer: string, field: string, at: ProblemLocator): ConfigProblem[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("{{") && trimmed.endsWith("}}") && compiles(trimmed.slice(2, -2))) return [];
  const orquesta = text.includes("<%") ? "; Orquesta's <% … %> is written {{ … }} here, in JSONata" : "";
  return [at.problem(pointer, `'${field}' must be exactly one {{ … }} expression, such as '{{ $succeeded() }}', with no text around it${orquesta}`)];
}

/** True when `source` is one valid JSONata expression (so `{{ a }} {{ b }}` cut at its ends is not). */
function compiles(source: string): boolean {
  try {
    compileExpression(source);
    return true;
  } catch {
    return false;
  }
}

/** Names `ctx` holds: inputs, vars, every published name, and the implicit ones. */
function knownCtxNames(doc: WorkflowDocument, tasks: readonly TaskOutline[]): string[] {
  const names = [...inputEntries(doc), ...namedEntries(doc.vars, "/vars")].map((e) => e.name);
  for (const { task } of tasks) {
    for (const transition of task.next ?? []) names.push(...namedEntries(transition.publish, "").map((e) => e.name));
  }
  return [...new Set([...names, ...IMPLICIT_CTX_NAMES])];
}

/** A problem for each reference to a ctx name or task that does not exist, and each bare status call. */
function referenceProblems(
  placed: readonly PlacedTemplate[],
  ctxNames: readonly string[],
  taskNames: readonly string[],
  at: ProblemLocator,
): ConfigProblem[] {
  const known = new Set(ctxNames);
  const declared = ctxNames.filter((name) => !IMPLICIT_CTX_NAMES.includes(name));
  const listing = declared.length === 0 ? "this workflow declares none" : `known: ${declared.join(", ")}`;
  const problems: ConfigProblem[] = [];
  for (const { text, pointer } of placed.flatMap((p) => templateStrings(p.value, p.pointer))) {
    const refs = scanRefs(text);
    for (const name of refs.ctx.filter((n) => !known.has(n))) {
      const message = `'ctx.${name}' is not an input, a var or a published value (${listing})${didYouMean(name, declared)}`;
      problems.push(at.problem(pointer, message));
    }
    for (const name of refs.tasks.filter((n) => !taskNames.includes(n))) {
      problems.push(at.problem(pointer, `$task('${name}') names no task of this workflow${didYouMean(name, taskNames)}`));
    }
    for (const name of refs.bareCalls) {
      problems.push(at.problem(pointer, `'${name}()' is not a JSONata function; write '$${name}()' (JSONata functions start with '$')`));
    }
  }
  return problems;
}
