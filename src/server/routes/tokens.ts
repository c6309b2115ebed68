// API token administration (admin only). A created token is shown once, in the answer.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { parseDuration } from "../../core/duration.js";
import { NotFoundError } from "../../core/errors.js";
import { listTokens, revokeToken } from "../../store/token-repository.js";
import { toInfo } from "../auth/token-service.js";
import type { ServerContext } from "../context.js";
import { IdParam, Problem } from "../schemas.js";

const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export function tokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get("/api/v1/tokens", { config: { access: "admin" }, schema: { summary: "List API tokens (never their values)", tags: ["tokens"], response: { 200: Type.Object({ items: Type.Array(TokenInfo) }) } } }, async () => ({
    items: (await listTokens(ctx.store.db)).map(toInfo),
  }));

  app.post<{ Body: { name: string; role: string; expiresIn?: string } }>(
    "/api/v1/tokens",
    {
      config: { access: "admin" },
      schema: {
        summary: "Create an API token; its value is in this answer only",
        tags: ["tokens"],
        body: Type.Object(
          { name: Type.String(), role: Type.Union([Type.Literal("viewer"), Type.Literal("operator"), Type.Literal("admin")]), expiresIn: Type.Optional(Type.String({ description: "e.g. 90d" })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), info: TokenInfo }), 400: Problem },
      },
    },
    async (request, reply) => {
      const { name, role, expiresIn } = request.body;
      const created = await ctx.tokens.create({ name, role, expiresInMs: expiresIn === undefined ? undefined : parseDuration(expiresIn, "expiresIn") });
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/v1/tokens/:id",
    { config: { access: "admin" }, schema: { summary: "Revoke a token by id or name", tags: ["tokens"], params: IdParam, response: { 204: Type.Null(), 404: Problem } } },
    async (request, reply) => {
      const revoked = await revokeToken(ctx.store.db, request.params.id, ctx.clock.now());
      if (revoked === 0) throw new NotFoundError("active token", request.params.id);
      ctx.tokens.forget();
      return reply.code(204).send();
    },
  );
}
