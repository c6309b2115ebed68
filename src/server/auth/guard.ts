// Request authentication. Each route states what it needs in its config (`access`): `public`,
// a role, or `source` (an operator token, or else the declared source's own token or HMAC
// signature, which the source route checks itself). State-changing routes always need a
// token; `auth: off` only opens the read routes, for local use.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { parseBearer } from "../../core/bearer.js";
import { ReflexError } from "../../core/errors.js";
import type { Role } from "../../core/roles.js";
import { roleAllows } from "../../core/roles.js";
import type { Principal, TokenService } from "./token-service.js";

/** What a route requires of the caller. */
export type Access = "public" | Role | "source";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** Marks the routes that take events in, for the ingest latency metric. */
    ingest?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export class AuthError extends ReflexError {
  constructor(status: 401 | 403, message: string) {
    super(status === 401 ? "unauthorized" : "forbidden", message, { status });
  }
}

/** The bearer token of a request, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return parseBearer(request.headers.authorization);
}

/** Installs the guard on every route of `app`. */
export function installAuthGuard(app: FastifyInstance, tokens: TokenService, mode: "on" | "off"): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access ?? "admin";
    if (access === "public") return;
    const token = bearerToken(request);
    if (token !== undefined) request.principal = await tokens.verify(token);
    if (access === "source") {
      // An operator token lets the request in; otherwise the route checks the source's own credentials.
      if (request.principal && !roleAllows(request.principal.role, "operator")) request.principal = null;
      return;
    }
    if (access === "viewer" && mode === "off" && request.method === "GET") return;
    if (token === undefined) {
      throw new AuthError(401, `this route needs a token with role ${access} or higher: send 'Authorization: Bearer <token>'`);
    }
    if (request.principal === null) {
      throw new AuthError(401, "the bearer token is unknown, revoked or expired; create one with `reflex tokens create`");
    }
    if (!roleAllows(request.principal.role, access)) {
      throw new AuthError(403, `token '${request.principal.name}' has role ${request.principal.role}; this route needs ${access}`);
    }
  });
}
