// The JSON Schema of a Probe document. A probe's fields depend on its `type`, so each type has
// its own closed document schema, picked by `if: {type: …} then: <schema>` (as a rule's
// targets are): a misspelt field of an `http` probe is reported against the `http` fields, with
// the nearest one suggested, rather than as "matches none of the alternatives".
import { Type } from "typebox";
import type { Static, TProperties } from "typebox";
import type { ProbeType } from "../probe-types.js";
import { Duration, Name, documentSchema } from "./common.js";
import { Headers } from "./http-fields.js";

/** The probe types, in the order docs list them. */
export const PROBE_TYPES = ["http", "tcp", "icmp"] as const satisfies readonly ProbeType[];

/** A count of consecutive checks. */
const Count = Type.Integer({ minimum: 1, maximum: 100, description: "a whole number of checks from 1 to 100" });

/** A host name or an IP address, for `tcp` and `icmp` probes. */
const Host = Type.String({ minLength: 1, maxLength: 253, description: "a host name or an IP address" });

/** A status code, 100 to 599. */
const Status = Type.Integer({ minimum: 100, maximum: 599, description: "an HTTP status from 100 to 599" });

/** `[min, max]` (TypeBox writes tuples as draft-07 `items` lists; Ajv 2020 wants `prefixItems`). */
const StatusRange = Type.Unsafe<[number, number]>({ type: "array", prefixItems: [Status, Status], items: false, minItems: 2 });

/** Fields every probe has, besides its own. */
function probeDocument<const T extends ProbeType, Fields extends TProperties>(type: T, fields: Fields) {
  return documentSchema("Probe", {
    type: Type.Literal(type),
    interval: Type.Optional(Duration),
    timeout: Type.Optional(Duration),
    failures: Type.Optional(Count),
    successes: Type.Optional(Count),
    bus: Type.Optional(Name),
    subject: Type.Optional(Type.String({ minLength: 1, description: "a non-empty text" })),
    labels: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "a mapping of label name to text" })),
    ...fields,
  });
}

/** `type: http`. */
const HttpProbe = probeDocument("http", {
  url: Type.String({ minLength: 1, description: "an absolute http(s) URL" }),
  method: Type.Optional(Type.Enum(["GET", "HEAD"])),
  headers: Type.Optional(Headers),
  expectStatus: Type.Optional(Type.Union([Status, StatusRange], { description: "a status or an inclusive range [min, max] such as [200, 299]" })),
  expectBody: Type.Optional(
    Type.Object(
      {
        contains: Type.Optional(Type.String({ minLength: 1, description: "a non-empty text" })),
        matches: Type.Optional(Type.String({ minLength: 1, description: "an RE2 regular expression" })),
      },
      { additionalProperties: false, minProperties: 1, description: "{contains: text} and/or {matches: RE2 regular expression}" },
    ),
  ),
});

/** `type: tcp`. */
const TcpProbe = probeDocument("tcp", {
  host: Host,
  port: Type.Integer({ minimum: 1, maximum: 65535, description: "a port from 1 to 65535" }),
});

/** `type: icmp`. */
const IcmpProbe = probeDocument("icmp", { host: Host });

/** A Probe document that fits its schema. */
export type ProbeDocument = Static<typeof HttpProbe> | Static<typeof TcpProbe> | Static<typeof IcmpProbe>;

/** `{if: {type: <type>}, then: <schema>}`: applies `schema` to probes of that type only. */
function whenType(type: ProbeType, schema: object) {
  return { if: { required: ["type"], properties: { type: { const: type } } }, then: schema };
}

/** JSON Schema of a Probe document: `type` picks the schema the other fields are checked against. */
export const ProbeSchema = Type.Unsafe<ProbeDocument>({
  type: "object",
  required: ["type"],
  properties: { type: { enum: [...PROBE_TYPES], description: "http, tcp or icmp" } },
  allOf: [whenType("http", HttpProbe), whenType("tcp", TcpProbe), whenType("icmp", IcmpProbe)],
});
