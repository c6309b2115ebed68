// JSON Schemas (TypeBox) of the rules API's answers: rules with their origin, matches,
// deliveries with their attempts, backtests, and an event's lineage. Parts whose shape is the
// rule's own (patterns, targets, rendered requests) are open objects.
import { Type } from "typebox";
import type { TSchema } from "typebox";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Open = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

export const Origin = Type.Union([Type.Literal("api"), Type.Object({ file: Type.String(), line: Type.Integer(), col: Type.Integer() })], {
  description: "where the rule is defined: a config file position, or `api`",
});

export const RuleView = Type.Object(
  {
    name: Type.String(),
    description: Type.Optional(Type.String()),
    bus: Type.String(),
    enabled: Type.Boolean(),
    patternDialect: Type.String(),
    pattern: Open("the event pattern"),
    labels: Type.Record(Type.String(), Type.String()),
    throttle: Type.Optional(Open("key, rate, perMs, burst")),
    dedupe: Type.Optional(Open("key, withinMs")),
    group: Type.Optional(Open("by, waitMs, max")),
    targets: Type.Array(Open("a target, defaults filled in, durations in ms, inline secrets hidden")),
    origin: Origin,
  },
  { description: "A rule in force on the node that answers" },
);

export const MatchView = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  status: Type.String({ description: "delivered, throttled, deduplicated, grouped, rule-missing or failed" }),
  key: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  replayId: Nullable(Type.String()),
  error: Nullable(Type.String()),
  errorPointer: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const DeliveryView = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  target: Type.String(),
  type: Type.String(),
  status: Type.String({ description: "pending, delivered or dead" }),
  event: Type.Object({ bus: Type.String(), source: Type.String(), id: Type.String(), seq: Type.Integer() }),
  eventSeqs: Type.Array(Type.Integer()),
  groupId: Nullable(Type.String()),
  replayId: Nullable(Type.String()),
  attemptCount: Type.Integer(),
  redrives: Type.Integer(),
  httpStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  errorPointer: Nullable(Type.String({ description: "JSON pointer, in the rule, of the template that failed to render" })),
  request: Nullable(Open("what the delivery sends (inline secrets hidden)")),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

export const AttemptView = Type.Object({
  attempt: Type.Integer(),
  startedAt: Type.String(),
  durationMs: Type.Integer(),
  outcome: Type.String({ description: "delivered or failed" }),
  httpStatus: Nullable(Type.Integer()),
  response: Nullable(Type.String({ description: "the start of the response body (at most 4 KiB)" })),
  error: Nullable(Type.String()),
});

export const DeliveryDetail = Type.Object({ ...DeliveryView.properties, attempts: Type.Array(AttemptView) });

export const DeliveryPage = Type.Object({ items: Type.Array(DeliveryView), nextCursor: Nullable(Type.String()) });

/** A workflow execution a delivery started. */
const StartedExecution = Type.Object({ id: Type.String(), workflow: Type.String(), status: Type.String(), createdAt: Type.String() });

export const Lineage = Type.Object(
  { matches: Type.Array(MatchView), deliveries: Type.Array(Type.Object({ ...DeliveryView.properties, executions: Type.Array(StartedExecution, { description: "the workflow executions this delivery started" }) })) },
  { description: "what the rules made of the event" },
);

export const BacktestResult = Type.Object({
  rule: Type.String(),
  bus: Type.String(),
  from: Type.String(),
  to: Type.String(),
  scanned: Type.Integer({ description: "events of the window examined" }),
  matched: Type.Integer({ description: "of those, how many the rule matches" }),
  complete: Type.Boolean({ description: "false when the scan stopped at its limit before the end of the window" }),
  truncated: Type.Boolean({ description: "true when more matched than `items` lists" }),
  items: Type.Array(
    Type.Object({
      event: Open("seq, id, source, type, subject, time"),
      targets: Type.Array(Open("name, type, and the request it would send, or the error and pointer of a failing template")),
    }),
  ),
});
