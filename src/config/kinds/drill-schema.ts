// The JSON Schema of a Drill document. The choice between `create` and `ids` is checked in
// `drill-checks.ts` rather than with `oneOf`, so that a misspelt field is reported at the field
// and "give exactly one of" is said in words.
import { Type } from "typebox";
import type { Static } from "typebox";
import { SIM_FAULT_KINDS } from "../../sim/types.js";
import { Duration, documentSchema } from "./common.js";

/** Most instances one drill may touch. */
export const MAX_DRILL_INSTANCES = 1000;

/** Instances created in the simulator for each run. */
const Create = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: MAX_DRILL_INSTANCES, description: `a whole number of instances from 1 to ${MAX_DRILL_INSTANCES}` }),
    cloud: Type.Enum(["tencent", "aliyun"], { description: "tencent or aliyun" }),
    tags: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "a mapping of tag name to text" })),
    region: Type.Optional(Type.String({ minLength: 1, description: "a region such as ap-guangzhou" })),
    preemptible: Type.Optional(Type.Boolean({ description: "true or false" })),
    dataDisks: Type.Optional(Type.Integer({ minimum: 0, maximum: 16, description: "a whole number of data disks from 0 to 16" })),
  },
  { additionalProperties: false },
);

/** JSON Schema of a Drill document. */
export const DrillSchema = documentSchema("Drill", {
  simulator: Type.Optional(Type.String({ pattern: "^https?://", description: "an http(s) URL such as http://127.0.0.1:7421" })),
  instances: Type.Object(
    {
      create: Type.Optional(Create),
      ids: Type.Optional(
        Type.Array(Type.String({ minLength: 1, description: "an instance id" }), {
          minItems: 1,
          maxItems: MAX_DRILL_INSTANCES,
          uniqueItems: true,
          description: `a list of 1 to ${MAX_DRILL_INSTANCES} distinct instance ids`,
        }),
      ),
    },
    { additionalProperties: false, description: "{create: {count, cloud, tags}} or {ids: [...]}" },
  ),
  fault: Type.Enum([...SIM_FAULT_KINDS], { description: SIM_FAULT_KINDS.join(", ") }),
  stagger: Type.Optional(Duration),
  criteria: Type.Object(
    {
      detectWithin: Duration,
      healWithin: Duration,
      minHealedPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: "a percentage from 0 to 100" })),
    },
    { additionalProperties: false },
  ),
  timeout: Type.Optional(Duration),
});

/** A Drill document that fits its schema. */
export type DrillDocument = Static<typeof DrillSchema>;
