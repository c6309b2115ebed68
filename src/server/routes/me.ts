// Who am I: the name and role of the token a request presents, so a client (the web console)
// can check a pasted token and show only the buttons its role may use.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { ServerContext } from "../context.js";
import { Problem } from "../schemas.js";

const Me = Type.Object({
  name: Type.String({ description: "the token's name; `anonymous` when auth is off and no token was sent" }),
  role: Type.Union([Type.Literal("viewer"), Type.Literal("operator"), Type.Literal("admin")]),
  tokenId: Type.Union([Type.String(), Type.Null()], { description: "null when auth is off and no token was sent" }),
  authMode: Type.Union([Type.Literal("on"), Type.Literal("off")], { description: "`off`: reads need no token (local use)" }),
});

/** `GET /api/v1/me`. */
export function meRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    "/api/v1/me",
    { config: { access: "viewer" }, schema: { summary: "The presented token's name and role", tags: ["tokens"], response: { 200: Me, 401: Problem } } },
    async (request) => {
      const principal = request.principal;
      // Only reachable without a principal when auth is off (the guard lets viewer reads through).
      if (principal === null) return { name: "anonymous", role: "viewer" as const, tokenId: null, authMode: ctx.authMode };
      return { name: principal.name, role: principal.role, tokenId: principal.tokenId, authMode: ctx.authMode };
    },
  );
}
