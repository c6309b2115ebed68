// A workflow spec made ready to run: every template compiled once, the graph's inbound edges
// counted (for `join: all`) and its start tasks found. Executions keep the spec they started
// with, so compiled workflows are cached by the spec's text: a config reload never changes a
// running execution, and a hot workflow is compiled once.
import type { TaskSpec, WorkflowSpec } from "../config/workflow-types.js";
import { ENGINE_COMMANDS } from "../config/workflow-types.js";
import type { EngineCommand } from "../config/workflow-types.js";
import type { JsonValue } from "../core/json.js";
import { pointerSegment } from "../core/json.js";
import { referencedSecrets } from "../core/secrets.js";
import { compileTemplate } from "../expr/index.js";
import type { CompiledTemplate } from "../expr/index.js";

/** One transition, compiled. */
export interface CompiledTransition {
  when: CompiledTemplate | null;
  /** In the order written; each sees the values published before it. */
  publish: [string, CompiledTemplate][];
  /** Task names to reach, in order. */
  tasks: string[];
  commands: EngineCommand[];
}

/** One task, compiled. */
export interface CompiledTask {
  spec: TaskSpec;
  input: CompiledTemplate;
  next: CompiledTransition[];
  items: CompiledTemplate | null;
  retryWhen: CompiledTemplate | null;
  /** Arrivals needed before it runs: 1 without a join. */
  arrivalsNeeded: number;
  /** Tasks with a transition to this one. */
  inboundTasks: number;
  /** Secret names its input refers to (`{{ secrets.NAME }}`). */
  secretRefs: string[];
}

export interface CompiledWorkflow {
  spec: WorkflowSpec;
  tasks: ReadonlyMap<string, CompiledTask>;
  /** Tasks no transition leads to, in document order. */
  startTasks: string[];
  vars: [string, CompiledTemplate][];
  output: CompiledTemplate | null;
  concurrencyKey: CompiledTemplate | null;
}

const CACHE_LIMIT = 256;
const cache = new Map<string, CompiledWorkflow>();

/** The compiled form of `spec` (given as the JSON text an execution stores). */
export function compiledWorkflow(specText: string): CompiledWorkflow {
  const hit = cache.get(specText);
  if (hit) {
    cache.delete(specText);
    cache.set(specText, hit);
    return hit;
  }
  const compiled = compileWorkflow(JSON.parse(specText) as WorkflowSpec);
  cache.set(specText, compiled);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value ?? specText);
  return compiled;
}

/** Compiles every template of `spec`; a template that does not parse throws a TemplateError. */
export function compileWorkflow(spec: WorkflowSpec): CompiledWorkflow {
  const inbound = new Map<string, Set<string>>();
  for (const task of spec.tasks) {
    for (const t of task.next) for (const target of t.do) if (!isCommand(target)) (inbound.get(target) ?? inbound.set(target, new Set()).get(target))?.add(task.name);
  }
  const tasks = new Map<string, CompiledTask>();
  for (const task of spec.tasks) {
    const at = `/tasks/${pointerSegment(task.name)}`;
    const sources = inbound.get(task.name)?.size ?? 0;
    tasks.set(task.name, {
      spec: task,
      input: compileTemplate(task.input, `${at}/input`),
      next: task.next.map((t, i) => ({
        when: t.when === undefined ? null : compileTemplate(t.when, `${at}/next/${i}/when`),
        publish: Object.entries(t.publish).map(([name, value]) => [name, compileTemplate(value, `${at}/next/${i}/publish/${pointerSegment(name)}`)]),
        tasks: t.do.filter((d) => !isCommand(d)),
        commands: t.do.filter(isCommand),
      })),
      items: task.with ? compileTemplate(task.with.items, `${at}/with/items`) : null,
      retryWhen: task.retry?.when === undefined ? null : compileTemplate(task.retry.when, `${at}/retry/when`),
      arrivalsNeeded: task.join === undefined ? 1 : task.join === "all" ? Math.max(1, sources) : task.join,
      inboundTasks: sources,
      secretRefs: referencedSecrets(JSON.stringify(task.input)),
    });
  }
  return {
    spec,
    tasks,
    startTasks: spec.tasks.filter((t) => !inbound.has(t.name)).map((t) => t.name),
    vars: Object.entries(spec.vars).map(([name, value]) => [name, compileTemplate(value, `/vars/${pointerSegment(name)}`)]),
    output: spec.output === undefined ? null : compileTemplate(spec.output, "/output"),
    concurrencyKey: spec.concurrency && spec.concurrency.key !== "" ? compileTemplate(spec.concurrency.key, "/concurrency/key") : null,
  };
}

function isCommand(name: string): name is EngineCommand {
  return (ENGINE_COMMANDS as readonly string[]).includes(name);
}

/** The task named `name`; throws when the spec has none (a spec changed under a running execution). */
export function taskOf(workflow: CompiledWorkflow, name: string): CompiledTask {
  const task = workflow.tasks.get(name);
  if (!task) throw new Error(`workflow ${workflow.spec.name} has no task ${name}`);
  return task;
}

/** JSON values for expression scopes. */
export type Scope = Readonly<Record<string, JsonValue | undefined>>;
