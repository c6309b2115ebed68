// `kind: Source`: where events come from. A push source is an endpoint
// (`/api/v1/sources/<name>/events`) with its own credentials, an adapter that turns the request
// body into CloudEvents, and the bus the events go to. A `webhook` source has no adapter of its
// own: its `mapping` of `{{ JSONata }}` templates over the body says how to build the envelope,
// so it is required there and refused for the other push types. A pull source (`nats`, `amqp`,
// `mqtt`, `redis`) is a broker Reflex consumes from (see `source-broker.ts`); its specs go to
// `brokerSources`, so the push endpoints never see them.
//
//   kind: Source
//   name: grafana
//   type: webhook                 # cloudevents | tencent | aliyun | alertmanager | aws | webhook
//   bus: ops                      # default: default
//   auth: {token: {env: GRAFANA_TOKEN}}
//   mapping: {source: grafana, type: "{{ body.status }}", data: "{{ body }}"}
import { Type } from "typebox";
import type { Static, TSchema } from "typebox";
import type { JsonObject } from "../../core/json.js";
import { pointerSegment } from "../../core/json.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import type { BrokerSourceSpec, BrokerType, SourceSpec, SourceType } from "../types.js";
import { DEFAULT_BUS } from "../types.js";
import { Name, SecretRef, documentSchema } from "./common.js";
import { defineKind } from "./kind.js";
import { brokerSourceProblems, buildBrokerSource } from "./source-broker.js";
import { AmqpSourceSchema, MqttSourceSchema, NatsSourceSchema, RedisSourceSchema } from "./source-broker-schema.js";
import type { BrokerSourceDocument } from "./source-broker-schema.js";
import { queueTargetReferenceProblems } from "./target-queue.js";
import { templateProblems } from "./template-check.js";

const SOURCE_TYPES = ["cloudevents", "tencent", "aliyun", "alertmanager", "aws", "webhook"] as const satisfies readonly SourceType[];

const BROKER_TYPES = ["nats", "amqp", "mqtt", "redis"] as const satisfies readonly BrokerType[];

/** Envelope attributes a webhook mapping must produce. */
const REQUIRED_MAPPING = ["source", "type"] as const;

/** JSON Schema of a push Source document. */
const PushSourceSchema = documentSchema("Source", {
  type: Type.Enum(SOURCE_TYPES),
  bus: Type.Optional(Name),
  auth: Type.Optional(Type.Object({ token: Type.Optional(SecretRef), hmacSecret: Type.Optional(SecretRef) }, { additionalProperties: false })),
  mapping: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: "a mapping from envelope attribute to template" }),
  ),
});

/** A push Source document that fits its schema. */
type PushSourceDocument = Static<typeof PushSourceSchema>;

/** A Source document that fits its schema. */
export type SourceDocument = PushSourceDocument | BrokerSourceDocument;

/** `{if: {type: one of types}, then: schema}`: applies `schema` to documents of those types only. */
function whenType(types: readonly string[], schema: TSchema) {
  return { if: { required: ["type"], properties: { type: { enum: [...types] } } }, then: schema };
}

/** JSON Schema of a Source document: `type` picks the schema the other fields are checked against. */
export const SourceSchema = Type.Unsafe<SourceDocument>({
  type: "object",
  required: ["type"],
  properties: { type: { enum: [...SOURCE_TYPES, ...BROKER_TYPES] } },
  allOf: [
    whenType(SOURCE_TYPES, PushSourceSchema),
    whenType(["nats"], NatsSourceSchema),
    whenType(["amqp"], AmqpSourceSchema),
    whenType(["mqtt"], MqttSourceSchema),
    whenType(["redis"], RedisSourceSchema),
  ],
});

/** True for the document of a pull (broker) source. */
function isBrokerDocument(doc: SourceDocument): doc is BrokerSourceDocument {
  return (BROKER_TYPES as readonly string[]).includes(doc.type);
}

/** The Source spec for a valid document, defaults filled in. */
export function buildSource(doc: SourceDocument): SourceSpec | BrokerSourceSpec {
  if (isBrokerDocument(doc)) return buildBrokerSource(doc);
  const spec: SourceSpec = { name: doc.name, type: doc.type, bus: doc.bus ?? DEFAULT_BUS.name };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.auth !== undefined) spec.auth = { ...doc.auth };
  // Parsed YAML holds only JSON values (the core schema has no dates or binary).
  if (doc.mapping !== undefined) spec.mapping = doc.mapping as JsonObject;
  return spec;
}

/** Problems the schema cannot state, for a push or a pull source. */
function checkSource(value: SourceDocument, doc: ProblemLocator): ConfigProblem[] {
  return isBrokerDocument(value) ? brokerSourceProblems(value, doc) : checkMapping(value, doc);
}

/** A webhook source needs a mapping with `source` and `type`, each template compiling; others take none. */
function checkMapping(value: PushSourceDocument, doc: ProblemLocator): ConfigProblem[] {
  const mapping = value.mapping;
  if (value.type !== "webhook") {
    if (mapping === undefined) return [];
    return [doc.problem("/mapping", `'mapping' is only for type webhook; a ${value.type} source builds its events itself, remove it`, "key")];
  }
  if (mapping === undefined) {
    return [doc.problem("/mapping", "a webhook source needs 'mapping': templates for at least 'source' and 'type' of its events")];
  }
  const problems = REQUIRED_MAPPING.filter((attr) => !(attr in mapping)).map((attr) =>
    doc.problem(`/mapping/${attr}`, `'mapping' needs '${attr}': the template for the events' ${attr} attribute`),
  );
  for (const [attr, template] of Object.entries(mapping)) {
    problems.push(...templateProblems(template, `/mapping/${pointerSegment(attr)}`, doc));
  }
  return problems;
}

/** True for the spec of a pull (broker) source. */
function isBrokerSpec(spec: SourceSpec | BrokerSourceSpec): spec is BrokerSourceSpec {
  return "connection" in spec;
}

/** The Source kind for the registry. */
export const sourceKind = defineKind({
  kind: "Source",
  schema: SourceSchema,
  check: checkSource,
  build: buildSource,
  assemble: (specs, config) => {
    const push = specs.filter((s): s is SourceSpec => !isBrokerSpec(s));
    const pull = specs.filter(isBrokerSpec);
    return {
      ...config,
      sources: new Map([...config.sources, ...push.map((s) => [s.name, s] as const)]),
      brokerSources: new Map([...config.brokerSources, ...pull.map((s) => [s.name, s] as const)]),
    };
  },
  crossCheck(loaded, context, problems) {
    const buses = [...context.config.buses.keys()];
    for (const { spec, doc } of loaded) {
      if (spec.bus === DEFAULT_BUS.name || context.declared("Bus", spec.bus) !== undefined) continue;
      problems.push(
        doc.problem(
          "/bus",
          `bus '${spec.bus}' is not declared; declare it with 'kind: Bus' or use one of: ${buses.join(", ")}${didYouMean(spec.bus, buses)}`,
        ),
      );
    }
    problems.push(...queueTargetReferenceProblems(context));
  },
});
