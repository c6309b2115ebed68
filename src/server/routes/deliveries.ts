// Deliveries over HTTP: list them (`status=dead` lists the dead letters), read one with every
// attempt, and re-drive a dead one (operator).
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { DELIVERY_STATUSES } from "../../rules/index.js";
import type { ServerContext } from "../context.js";
import { DeliveryDetail, DeliveryPage, DeliveryView } from "../rule-schemas.js";
import { IdParam, Problem } from "../schemas.js";

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s)), { description: "pending, delivered or dead (the dead letters)" })),
  rule: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  cursor: Type.Optional(Type.String({ description: "the previous page's nextCursor" })),
});

export function deliveryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { status?: string; rule?: string; limit?: number; cursor?: string } }>(
    "/api/v1/deliveries",
    { config: { access: "viewer" }, schema: { summary: "List deliveries, newest first", tags: ["deliveries"], querystring: ListQuery, response: { 200: DeliveryPage, 400: Problem } } },
    async (request) => {
      const { status, rule, limit, cursor } = request.query;
      return ctx.deliveries.list({ status, rule, limit: limit ?? 50, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/deliveries/:id",
    { config: { access: "viewer" }, schema: { summary: "One delivery with every attempt", tags: ["deliveries"], params: IdParam, response: { 200: DeliveryDetail, 404: Problem } } },
    async (request) => ctx.deliveries.get(request.params.id),
  );

  app.post<{ Params: { id: string } }>(
    "/api/v1/deliveries/:id/retry",
    {
      config: { access: "operator" },
      schema: {
        summary: "Re-drive a dead delivery: a fresh cycle of attempts",
        description: "A delivery whose templates failed is rendered again with the rule as it is now.",
        tags: ["deliveries"],
        params: IdParam,
        response: { 202: DeliveryView, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => reply.code(202).send(await ctx.deliveries.retry(request.params.id)),
  );
}
