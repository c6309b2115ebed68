// `kind: EventType`: the JSON Schema (draft 2020-12) that `data` of events with one source and
// type must fit. At most one EventType per source+type pair, so which schema applies to an
// event is never in doubt.
//
//   kind: EventType
//   name: cvm-ping-unreachable
//   source: cvm.cloud.tencent
//   type: "cvm:ErrorEvent:PingUnreachable"
//   schema: {type: object, required: [instanceId], properties: {instanceId: {type: string}}}
import { Type } from "typebox";
import type { Static } from "typebox";
import type { JsonObject } from "../../core/json.js";
import type { EventTypeSpec } from "../types.js";
import { checkJsonSchema, compileJsonSchemas } from "../json-schema-check.js";
import { documentSchema } from "./common.js";
import { defineKind } from "./kind.js";

/** JSON Schema of an EventType document. */
export const EventTypeSchema = documentSchema("EventType", {
  source: Type.String({ minLength: 1, description: "the events' `source` attribute, a non-empty string" }),
  type: Type.String({ minLength: 1, description: "the events' `type` attribute, a non-empty string" }),
  schema: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "a JSON Schema (draft 2020-12) written as a mapping" })),
});

/** An EventType document that fits its schema. */
export type EventTypeDocument = Static<typeof EventTypeSchema>;

/** The EventType spec for a valid document. */
export function buildEventType(doc: EventTypeDocument): EventTypeSpec {
  const spec: EventTypeSpec = { name: doc.name, source: doc.source, type: doc.type };
  if (doc.description !== undefined) spec.description = doc.description;
  // Parsed YAML holds only JSON values (the core schema has no dates or binary).
  if (doc.schema !== undefined) spec.schema = doc.schema as JsonObject;
  return spec;
}

/** The EventType kind for the registry. */
export const eventTypeKind = defineKind({
  kind: "EventType",
  schema: EventTypeSchema,
  check: (value, doc) => (value.schema === undefined ? [] : checkJsonSchema({ schema: value.schema, pointer: "/schema", doc })),
  build: buildEventType,
  assemble: (specs, config) => ({ ...config, eventTypes: [...config.eventTypes, ...specs] }),
  crossCheck(loaded, _context, problems) {
    const schemas = loaded.flatMap(({ spec, doc }) => (spec.schema === undefined ? [] : [{ schema: spec.schema, pointer: "/schema", doc }]));
    problems.push(...compileJsonSchemas(schemas));
    const first = new Map<string, (typeof loaded)[number]>();
    for (const entry of loaded) {
      const key = JSON.stringify([entry.spec.source, entry.spec.type]);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, entry);
        continue;
      }
      const where = earlier.doc.where("");
      problems.push(
        entry.doc.problem(
          "/type",
          `EventType '${entry.spec.name}' has the same source and type as EventType '${earlier.spec.name}' (${where}); ` +
            "keep one schema per source and type",
        ),
      );
    }
  },
});
