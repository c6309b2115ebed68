// JSON Schemas (TypeBox) for API bodies and answers: they validate requests, speed up
// serialisation, and make the OpenAPI document.
import { Type } from "typebox";

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    pointer: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: "RFC 9457 problem details" },
);

export const CloudEventSchema = Type.Object(
  {
    specversion: Type.String(),
    id: Type.String(),
    source: Type.String(),
    type: Type.String(),
    subject: Type.Optional(Type.String()),
    time: Type.Optional(Type.String()),
    datacontenttype: Type.Optional(Type.String()),
    data: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true, description: "A CloudEvents 1.0 event; extension attributes at top level" },
);

export const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(
    Type.Object({
      index: Type.Optional(Type.Integer()),
      id: Type.String(),
      status: Type.Union([Type.Literal("accepted"), Type.Literal("duplicate"), Type.Literal("rejected")]),
      error: Type.Optional(Type.String()),
      warning: Type.Optional(Type.String()),
    }),
  ),
});

export const StoredEventSchema = Type.Object({
  seq: Type.Integer(),
  bus: Type.String(),
  receivedAt: Type.String({ format: "date-time" }),
  schemaError: Type.Union([Type.String(), Type.Null()]),
  event: CloudEventSchema,
});

export const EventPage = Type.Object({
  items: Type.Array(StoredEventSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  scanned: Type.Optional(Type.Integer({ description: "with a pattern: events examined for this page" })),
});

export const BusParam = Type.Object({ bus: Type.String({ pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$" }) });
export const NameParam = Type.Object({ name: Type.String({ minLength: 1, maxLength: 128 }) });
export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 256 }) });
