// Turns a valid Workflow document into its WorkflowSpec: every spelling in its canonical form
// (see `workflow-shapes.ts`), durations in milliseconds, defaults filled in, so the engine never
// guesses what a missing field meant. Templates stay as written; the engine compiles them once
// per workflow.
import type { JsonObject } from "../../core/json.js";
import type { TaskSpec, TransitionSpec, WorkflowInputSpec, WorkflowSpec } from "../workflow-types.js";
import { DEFAULT_CONCURRENCY, DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_DELAY_MS } from "./workflow-defaults.js";
import type { TaskDocument, TransitionDocument, WorkflowDocument } from "./workflow-schema.js";
import { doTargets, durationMs, inputEntries, namedValues, outputValue } from "./workflow-shapes.js";

/** The Workflow spec for a valid document, defaults filled in. */
export function buildWorkflow(doc: WorkflowDocument): WorkflowSpec {
  const spec: WorkflowSpec = {
    name: doc.name,
    input: inputEntries(doc).map((entry) => {
      const input: WorkflowInputSpec = { name: entry.name, required: !entry.hasDefault };
      if (entry.schema !== undefined) input.schema = entry.schema;
      if (entry.default !== undefined) input.default = entry.default;
      return input;
    }),
    vars: namedValues(doc.vars),
    tasks: Object.entries(doc.tasks).map(([name, task]) => buildTask(name, task)),
  };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.output !== undefined) spec.output = outputValue(doc.output);
  if (doc.queue !== undefined) spec.queue = doc.queue;
  if (doc.concurrency !== undefined) {
    const { key, limit, policy } = doc.concurrency;
    spec.concurrency = { key: key ?? DEFAULT_CONCURRENCY.key, limit, policy: policy ?? DEFAULT_CONCURRENCY.policy };
  }
  if (doc.budget !== undefined) spec.budget = { max: doc.budget.max, perMs: durationMs(doc.budget.per) };
  if (doc.circuitBreaker !== undefined) spec.circuitBreaker = { failures: doc.circuitBreaker.failures };
  return spec;
}

function buildTask(name: string, doc: TaskDocument): TaskSpec {
  const spec: TaskSpec = {
    name,
    action: doc.action,
    // Parsed YAML holds only JSON values.
    input: { ...(doc.input as JsonObject | undefined) },
    next: (doc.next ?? []).map(buildTransition),
  };
  if (doc.join !== undefined) spec.join = doc.join;
  if (doc.with !== undefined) {
    spec.with = doc.with.concurrency === undefined ? { items: doc.with.items } : { items: doc.with.items, concurrency: doc.with.concurrency };
  }
  if (doc.retry !== undefined) {
    const { count, delay, backoff, when } = doc.retry;
    spec.retry = {
      count,
      delayMs: delay === undefined ? DEFAULT_RETRY_DELAY_MS : durationMs(delay),
      backoff: backoff ?? DEFAULT_RETRY_BACKOFF,
    };
    if (when !== undefined) spec.retry.when = when;
  }
  if (doc.delay !== undefined) spec.delayMs = durationMs(doc.delay);
  if (doc.timeout !== undefined) spec.timeoutMs = durationMs(doc.timeout);
  if (doc.queue !== undefined) spec.queue = doc.queue;
  return spec;
}

function buildTransition(doc: TransitionDocument): TransitionSpec {
  const spec: TransitionSpec = { publish: namedValues(doc.publish), do: doTargets(doc.do, "").map((t) => t.name) };
  if (doc.when !== undefined) spec.when = doc.when;
  return spec;
}
