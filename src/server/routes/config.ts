// Everything configurable by file is readable through the API: buses, event types and sources,
// each with the file and line it came from. Secrets in source auth are never shown.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { NotFoundError } from "../../core/errors.js";
import type { ServerContext } from "../context.js";
import { NameParam, Problem } from "../schemas.js";

const Item = Type.Record(Type.String(), Type.Unknown());
const List = Type.Object({ items: Type.Array(Item) });

export function configRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const origin = (kind: string, name: string) => ctx.config().origins.get(`${kind}/${name}`) ?? null;

  const buses = () => [...ctx.config().buses.values()].map((b) => ({ kind: "Bus", ...b, origin: origin("Bus", b.name) }));
  app.get("/api/v1/buses", { config: { access: "viewer" }, schema: { summary: "List buses", tags: ["config"], response: { 200: List } } }, async () => ({ items: buses() }));
  app.get<{ Params: { name: string } }>(
    "/api/v1/buses/:name",
    { config: { access: "viewer" }, schema: { summary: "Get a bus", tags: ["config"], params: NameParam, response: { 200: Item, 404: Problem } } },
    async (request) => {
      const found = buses().find((b) => b.name === request.params.name);
      if (!found) throw new NotFoundError("bus", request.params.name);
      return found;
    },
  );

  app.get("/api/v1/event-types", { config: { access: "viewer" }, schema: { summary: "List event types", tags: ["config"], response: { 200: List } } }, async () => ({
    items: ctx.config().eventTypes.map((t) => ({ kind: "EventType", ...t, origin: origin("EventType", t.name) })),
  }));

  app.get("/api/v1/sources", { config: { access: "viewer" }, schema: { summary: "List push sources (secrets redacted)", tags: ["config"], response: { 200: List } } }, async () => ({
    items: [...ctx.config().sources.values()].map((s) => ({
      kind: "Source",
      ...s,
      auth: { token: s.auth?.token === undefined ? "none" : "set", hmacSecret: s.auth?.hmacSecret === undefined ? "none" : "set" },
      endpoint: `/api/v1/sources/${encodeURIComponent(s.name)}/events`,
      origin: origin("Source", s.name),
    })),
  }));
}
