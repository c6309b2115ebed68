// The JSON Schema of a `kind: Rule` document (targets in `target-schema.ts`). What it cannot
// say — the pattern language, templates, bounds that depend on other fields — is checked in
// `rule-checks.ts`.
import { Type } from "typebox";
import type { Static } from "typebox";
import { Duration, Name, documentSchema } from "./common.js";
import { MAX_GROUP_SIZE } from "./rule-defaults.js";
import { Targets } from "./target-schema.js";

/** A `{{ … }}` template for a key: events with the same rendered key share state. */
const KeyTemplate = Type.String({ description: "a text or template such as '{{ event.subject }}'" });

/** A whole number of at least 1. */
function count(description: string, maximum?: number) {
  return Type.Integer(maximum === undefined ? { minimum: 1, description } : { minimum: 1, maximum, description });
}

/** JSON Schema of a Rule document. */
export const RuleSchema = documentSchema("Rule", {
  bus: Type.Optional(Name),
  enabled: Type.Optional(Type.Boolean()),
  patternDialect: Type.Optional(Type.Enum(["reflex", "eventbridge"])),
  pattern: Type.Record(Type.String(), Type.Unknown(), { description: "an event pattern: a mapping of event fields to what they must match" }),
  labels: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "a mapping of label name to text" })),
  throttle: Type.Optional(
    Type.Object(
      {
        key: Type.Optional(KeyTemplate),
        rate: count("a whole number of deliveries, at least 1"),
        per: Duration,
        burst: Type.Optional(count("a whole number of deliveries, at least 1")),
      },
      { additionalProperties: false },
    ),
  ),
  dedupe: Type.Optional(Type.Object({ key: KeyTemplate, within: Duration }, { additionalProperties: false })),
  group: Type.Optional(
    Type.Object(
      {
        by: Type.Optional(KeyTemplate),
        wait: Duration,
        max: Type.Optional(count(`a whole number of events from 1 to ${MAX_GROUP_SIZE}`, MAX_GROUP_SIZE)),
      },
      { additionalProperties: false },
    ),
  ),
  targets: Targets,
});

/** A Rule document that fits its schema. */
export type RuleDocument = Static<typeof RuleSchema>;
