// The JSON Schema of a rule's targets. A target's fields depend on its `type`, so each type has
// its own closed schema, picked by `if: {type: …} then: <schema>`: a misspelt field of an
// `http` target is reported against the `http` fields, with the nearest one suggested, rather
// than as "matches none of the alternatives" (what a plain `anyOf` gives). Types reserved for
// later releases are refused by the `type` enum, whose description says so.
import { Type } from "typebox";
import type { Static, TSchema } from "typebox";
import { Duration, Name, SecretRef } from "./common.js";
import { Headers } from "./http-fields.js";
import type { TargetSpec } from "../types.js";
import { MAX_TARGETS } from "./rule-defaults.js";

/** Target types a rule may use now. */
const TARGET_TYPES = ["http", "workflow", "notify", "queue", "function"] as const satisfies readonly TargetSpec["type"][];

/** `retry:` of any target; every field optional. */
const Retry = Type.Object(
  {
    attempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: "a whole number of attempts from 1 to 100" })),
    backoff: Type.Optional(Duration),
    maxBackoff: Type.Optional(Duration),
    maxAge: Type.Optional(Duration),
  },
  { additionalProperties: false },
);

/** A status code, 100 to 599. */
const Status = Type.Integer({ minimum: 100, maximum: 599, description: "an HTTP status from 100 to 599" });

/** `[min, max]` (TypeBox writes tuples as draft-07 `items` lists; Ajv 2020 wants `prefixItems`). */
const StatusRange = Type.Unsafe<[number, number]>({ type: "array", prefixItems: [Status, Status], items: false, minItems: 2 });

/** Fields every target has, besides its own. */
function targetFields<const T extends string>(type: T) {
  return { type: Type.Literal(type), name: Type.Optional(Name), retry: Type.Optional(Retry) };
}

/** `type: http`. */
const HttpTarget = Type.Object(
  {
    ...targetFields("http"),
    url: Type.String({ minLength: 1, description: "an absolute http(s) URL (templates allowed)" }),
    method: Type.Optional(Type.Enum(["GET", "POST", "PUT", "PATCH", "DELETE"])),
    headers: Type.Optional(Headers),
    body: Type.Optional(Type.Unknown()),
    timeout: Type.Optional(Duration),
    expectStatus: Type.Optional(
      Type.Union([Status, StatusRange], { description: "a status or an inclusive range [min, max] such as [200, 299]" }),
    ),
    sign: Type.Optional(
      Type.Object(
        { secret: SecretRef, header: Type.Optional(Type.String({ minLength: 1, description: "a header name" })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** `type: workflow`. */
const WorkflowTarget = Type.Object(
  {
    ...targetFields("workflow"),
    workflow: Name,
    input: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "a mapping of input name to template" })),
  },
  { additionalProperties: false },
);

/** `type: notify`. */
const NotifyTarget = Type.Object(
  {
    ...targetFields("notify"),
    channel: Name,
    message: Type.Optional(Type.String({ description: "a message template" })),
  },
  { additionalProperties: false },
);

/** A destination field of a `queue` target (templates allowed). */
const QueueField = (description: string) => Type.Optional(Type.String({ minLength: 1, description }));

/** `type: queue`: a declared broker source (`source`) or a broker `url` with credentials. */
const QueueTarget = Type.Object(
  {
    ...targetFields("queue"),
    source: Type.Optional(Name),
    url: Type.Optional(Type.String({ minLength: 1, description: "a broker URL such as nats://127.0.0.1:4222" })),
    username: Type.Optional(SecretRef),
    password: Type.Optional(SecretRef),
    token: Type.Optional(SecretRef),
    subject: QueueField("a NATS subject (templates allowed)"),
    exchange: Type.Optional(Type.String({ description: "an AMQP exchange name (\"\" for the default exchange)" })),
    routingKey: QueueField("an AMQP routing key (templates allowed)"),
    queue: QueueField("an AMQP queue name (templates allowed)"),
    topic: QueueField("an MQTT topic (templates allowed)"),
    stream: QueueField("a Redis stream key (templates allowed)"),
    field: QueueField("a Redis entry field name"),
    body: Type.Optional(Type.Unknown()),
    timeout: Type.Optional(Duration),
  },
  { additionalProperties: false },
);

/** `type: function`. */
const FunctionTarget = Type.Object(
  {
    ...targetFields("function"),
    function: Name,
    input: Type.Optional(Type.Unknown({ description: "the handler's event (templates allowed)" })),
  },
  { additionalProperties: false },
);

/** One target of a rule document, as its schema admits it. */
export type TargetDocument =
  | Static<typeof HttpTarget>
  | Static<typeof WorkflowTarget>
  | Static<typeof NotifyTarget>
  | Static<typeof QueueTarget>
  | Static<typeof FunctionTarget>;

/** `{if: {type: <type>}, then: <schema>}`: applies `schema` to targets of that type only. */
function whenType(type: string, schema: TSchema) {
  return { if: { required: ["type"], properties: { type: { const: type } } }, then: schema };
}

/** One target: `type` picks the schema the other fields are checked against. */
export const Target = Type.Unsafe<TargetDocument>({
  type: "object",
  required: ["type"],
  properties: {
    type: {
      enum: [...TARGET_TYPES],
      description: "http, workflow, notify, queue or function",
    },
  },
  allOf: [whenType("http", HttpTarget), whenType("workflow", WorkflowTarget), whenType("notify", NotifyTarget), whenType("queue", QueueTarget), whenType("function", FunctionTarget)],
});

/** `targets:` of a rule. */
export const Targets = Type.Array(Target, {
  minItems: 1,
  maxItems: MAX_TARGETS,
  description: `a list of 1 to ${MAX_TARGETS} targets`,
});
