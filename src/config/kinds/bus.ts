// `kind: Bus`: a named stream of events with its own schema validation mode and retention.
// The `default` bus always exists; declaring a Bus named `default` changes its settings.
//
//   kind: Bus
//   name: ops
//   validation: enforce              # off | warn | enforce (default warn)
//   retention: {maxAge: 30d, maxCount: 1000000}
import { Type } from "typebox";
import type { Static } from "typebox";
import { parseDuration } from "../../core/duration.js";
import type { BusSpec, ValidationMode } from "../types.js";
import { DEFAULT_BUS } from "../types.js";
import { documentSchema, Duration } from "./common.js";
import { defineKind } from "./kind.js";

/** JSON Schema of a Bus document. */
export const BusSchema = documentSchema("Bus", {
  validation: Type.Optional(Type.Enum(["off", "warn", "enforce"])),
  retention: Type.Optional(
    Type.Object(
      {
        maxAge: Type.Optional(Duration),
        maxCount: Type.Optional(Type.Integer({ minimum: 1, description: "a whole number of events, at least 1" })),
      },
      { additionalProperties: false },
    ),
  ),
});

/** A Bus document that fits its schema. */
export type BusDocument = Static<typeof BusSchema>;

/** Validation mode of a bus that does not say: store and flag events that do not fit. */
const DEFAULT_VALIDATION: ValidationMode = DEFAULT_BUS.validation;

/** The Bus spec for a valid document, defaults filled in. */
export function buildBus(doc: BusDocument): BusSpec {
  const spec: BusSpec = { name: doc.name, validation: doc.validation ?? DEFAULT_VALIDATION };
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.retention !== undefined) {
    const { maxAge, maxCount } = doc.retention;
    spec.retention = {};
    if (maxAge !== undefined) spec.retention.maxAgeMs = parseDuration(maxAge);
    if (maxCount !== undefined) spec.retention.maxCount = maxCount;
  }
  return spec;
}

/** The Bus kind for the registry. */
export const busKind = defineKind({
  kind: "Bus",
  schema: BusSchema,
  build: buildBus,
  assemble: (specs, config) => ({ ...config, buses: new Map([...config.buses, ...specs.map((s) => [s.name, s] as const)]) }),
});
