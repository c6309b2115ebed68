// Finding events: `GET /api/v1/events` with filters, free text and a cursor, newest first;
// `GET /api/v1/events/:id` for one event (ids are unique per bus and source) with its lineage:
// what the rules made of it.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import type { StoredEvent } from "../../core/event.js";
import { formatRfc3339 } from "../../core/rfc3339.js";
import { timeWindowParams } from "../../core/time.js";
import { searchByPattern } from "../../events/pattern-search.js";
import { compilePattern } from "../../patterns/index.js";
import { eventLineage } from "../../rules/index.js";
import { findEventsById, searchEvents } from "../../store/event-repository.js";
import type { EventFilter } from "../../store/event-repository.js";
import type { ServerContext } from "../context.js";
import { Lineage } from "../rule-schemas.js";
import { EventPage, IdParam, Problem, StoredEventSchema } from "../schemas.js";

const SearchQuery = Type.Object({
  bus: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  subject: Type.Optional(Type.String()),
  from: Type.Optional(Type.String({ description: "event time at or after: RFC 3339, epoch ms, or a duration ago (15m, 7d)" })),
  to: Type.Optional(Type.String({ description: "event time before: RFC 3339, epoch ms, or a duration ago" })),
  q: Type.Optional(Type.String({ maxLength: 500, description: "free text over source, type, subject, extensions and data" })),
  pattern: Type.Optional(Type.String({ maxLength: 65536, description: "an event pattern (JSON) the events must match" })),
  dialect: Type.Optional(Type.Union([Type.Literal("reflex"), Type.Literal("eventbridge")], { description: "pattern dialect (default reflex)" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  cursor: Type.Optional(Type.String()),
  after: Type.Optional(Type.Integer({ minimum: 0, description: "only events stored after this seq (a live tail: pass the newest seq seen)" })),
});
type SearchQuery = {
  bus?: string;
  source?: string;
  type?: string;
  subject?: string;
  from?: string;
  to?: string;
  q?: string;
  pattern?: string;
  dialect?: "reflex" | "eventbridge";
  limit?: number;
  cursor?: string;
  after?: number;
};

export function eventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: SearchQuery }>(
    "/api/v1/events",
    { config: { access: "viewer" }, schema: { summary: "Search stored events, newest first", tags: ["events"], querystring: SearchQuery, response: { 200: EventPage, 400: Problem } } },
    async (request) => {
      const q = request.query;
      const filter: EventFilter = {
        bus: q.bus,
        source: q.source,
        type: q.type,
        subject: q.subject,
        text: q.q,
        ...timeWindowParams(q, ctx.clock.now()),
        beforeSeq: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
        afterSeq: q.after,
      };
      const limit = q.limit ?? 50;
      if (q.pattern !== undefined) {
        const pattern = compilePattern(parsePatternParam(q.pattern), { dialect: q.dialect });
        const found = await searchByPattern(ctx.store, filter, pattern, limit);
        return { items: found.items.map(view), nextCursor: found.continueBelow === null ? null : encodeCursor(found.continueBelow), scanned: found.scanned };
      }
      const items = await searchEvents(ctx.store.db, ctx.store.dialect, filter, limit);
      const last = items[items.length - 1];
      return { items: items.map(view), nextCursor: items.length === limit && last ? encodeCursor(last.seq) : null };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { bus?: string; source?: string } }>(
    "/api/v1/events/:id",
    {
      config: { access: "viewer" },
      schema: {
        summary: "Get one event by its id (bus and source narrow it when ids repeat across sources)",
        tags: ["events"],
        params: IdParam,
        querystring: Type.Object({ bus: Type.Optional(Type.String()), source: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ ...StoredEventSchema.properties, lineage: Lineage }), 404: Problem },
      },
    },
    async (request) => {
      const found = await findEventsById(ctx.store.db, request.params.id, request.query);
      const first = found[0];
      if (!first) throw new NotFoundError("event", request.params.id);
      return { ...view(first), lineage: await eventLineage(ctx.store.db, { bus: first.bus, source: first.event.source, id: first.event.id }) };
    },
  );
}

function view(e: StoredEvent) {
  return { seq: e.seq, bus: e.bus, receivedAt: formatRfc3339(e.receivedAt), schemaError: e.schemaError, event: e.event };
}

function parsePatternParam(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`'pattern' is not JSON: ${err instanceof Error ? err.message : String(err)}`, { pointer: "/pattern" });
  }
}

function encodeCursor(seq: number): string {
  return Buffer.from(`s:${seq}`).toString("base64url");
}

function decodeCursor(cursor: string): number {
  const match = /^s:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new ValidationError("the cursor is not one this server issued; start again without it", { pointer: "/cursor" });
  return Number(match[1]);
}
