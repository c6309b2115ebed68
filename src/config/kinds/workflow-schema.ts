// The JSON Schema of a `kind: Workflow` document. It admits the canonical forms and the ones
// Orquesta users write (lists of `{name: value}` for input, vars, output and publish; `do` as a
// comma-separated string). Where a field takes a list or a mapping, `if: {type: array}` picks
// the schema, so a bad item is reported at the item rather than as "matches neither form".
// What a schema cannot say — names, templates, the task graph — is checked in
// `workflow-checks.ts`, `workflow-templates.ts` and `workflow-graph.ts`.
import { Type } from "typebox";
import type { Static, TSchema } from "typebox";
import { DURATION_FORMAT, Name, documentSchema } from "./common.js";
import { MAX_ITEMS_CONCURRENCY, MAX_RETRY_BACKOFF, MAX_RETRY_COUNT } from "./workflow-defaults.js";

/** `{name: value}`: one item of Orquesta's lists. */
const SingleKeyMap = Type.Record(Type.String(), Type.Unknown(), {
  minProperties: 1,
  maxProperties: 1,
  description: "a mapping with exactly one key, {name: value}",
});

/** A list (when the value is one) checked against `list`, anything else against `map`. */
function listOrMap<L extends TSchema, M extends TSchema>(list: L, map: M) {
  return Type.Unsafe<Static<L> | Static<M>>({ if: { type: "array" }, then: list, else: map });
}

/** Name → value, or Orquesta's list of `{name: value}`. */
const NamedValues = listOrMap(
  Type.Array(SingleKeyMap),
  Type.Record(Type.String(), Type.Unknown(), { description: "a mapping of name to value, or a list of {name: value}" }),
);

/** `input:`: names, `{name: default}` items, or name → JSON Schema. */
const Inputs = listOrMap(
  Type.Array(Type.Union([Type.String({ minLength: 1 }), SingleKeyMap], { description: "a name, or {name: default}" })),
  Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown(), { description: "a JSON Schema (draft 2020-12) written as a mapping" }), {
    description: "a list of names (or {name: default}), or a mapping of name to JSON Schema",
  }),
);

/** A duration: `10s`, `5m`, `1h30m`, or a number of seconds (as in Orquesta). */
export const WorkflowDuration = Type.Union([Type.String({ format: DURATION_FORMAT }), Type.Number({ minimum: 0 })], {
  description: "a duration such as 10s, 5m or 1h30m, or a number of seconds",
});

/** A `{{ … }}` condition. */
const Condition = Type.String({ description: "a condition written as one {{ … }} expression, e.g. '{{ $succeeded() }}'" });

/** One entry of a task's `next`. */
const Transition = Type.Object(
  {
    when: Type.Optional(Condition),
    publish: Type.Optional(NamedValues),
    do: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }))], {
        description: "a task name, names separated by commas, or a list of names",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A whole number from 1 to `maximum`. */
function count(description: string, maximum?: number) {
  return Type.Integer(maximum === undefined ? { minimum: 1, description } : { minimum: 1, maximum, description });
}

/** One task. */
const Task = Type.Object(
  {
    action: Type.String({ minLength: 1, description: "an action ref such as core.echo, or the name of a workflow" }),
    input: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "a mapping of parameter to value or template" })),
    next: Type.Optional(Type.Array(Transition, { description: "a list of transitions {when, publish, do}" })),
    join: Type.Optional(
      Type.Union([Type.Literal("all"), Type.Integer({ minimum: 1 })], { description: "all, or a whole number of arrivals, at least 1" }),
    ),
    with: Type.Optional(
      Type.Object(
        {
          items: Type.String({ description: "one {{ … }} expression giving the list of items" }),
          concurrency: Type.Optional(count(`a whole number of items from 1 to ${MAX_ITEMS_CONCURRENCY}`, MAX_ITEMS_CONCURRENCY)),
        },
        { additionalProperties: false },
      ),
    ),
    retry: Type.Optional(
      Type.Object(
        {
          count: count(`a whole number of retries from 1 to ${MAX_RETRY_COUNT}`, MAX_RETRY_COUNT),
          delay: Type.Optional(WorkflowDuration),
          backoff: Type.Optional(Type.Number({ minimum: 1, maximum: MAX_RETRY_BACKOFF, description: `a factor from 1 to ${MAX_RETRY_BACKOFF}` })),
          when: Type.Optional(Condition),
        },
        { additionalProperties: false },
      ),
    ),
    delay: Type.Optional(WorkflowDuration),
    timeout: Type.Optional(WorkflowDuration),
    queue: Type.Optional(Name),
  },
  { additionalProperties: false },
);

/** JSON Schema of a Workflow document. */
export const WorkflowSchema = documentSchema("Workflow", {
  input: Type.Optional(Inputs),
  vars: Type.Optional(NamedValues),
  output: Type.Optional(Type.Unknown()),
  tasks: Type.Record(Type.String(), Task, { description: "a mapping of task name to task" }),
  queue: Type.Optional(Name),
  concurrency: Type.Optional(
    Type.Object(
      {
        key: Type.Optional(Type.String({ description: "a text or template such as '{{ ctx.instance }}'" })),
        limit: count("a whole number of executions, at least 1"),
        policy: Type.Optional(Type.Enum(["queue", "drop"])),
      },
      { additionalProperties: false },
    ),
  ),
  budget: Type.Optional(
    Type.Object({ max: count("a whole number of executions, at least 1"), per: WorkflowDuration }, { additionalProperties: false }),
  ),
  circuitBreaker: Type.Optional(Type.Object({ failures: count("a whole number of failures, at least 1") }, { additionalProperties: false })),
});

/** A Workflow document that fits its schema. */
export type WorkflowDocument = Static<typeof WorkflowSchema>;

/** One task of a Workflow document. */
export type TaskDocument = Static<typeof Task>;

/** One transition of a task's `next`. */
export type TransitionDocument = Static<typeof Transition>;

/** A duration as a Workflow document writes it. */
export type WorkflowDurationText = Static<typeof WorkflowDuration>;
