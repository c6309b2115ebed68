// Who is acting, for the routes that record it (the audit log, an approval's answerer). The
// guard has already let the request in; on a route that changes state that means a token
// was verified, so a missing principal is a route declared with the wrong access.
import type { FastifyRequest } from "fastify";
import { AuthError } from "./guard.js";
import type { Principal } from "./token-service.js";

/** The verified principal of `request`; throws a 401 when the request carried no token. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new AuthError(401, "this action is recorded with who did it and needs a token: send 'Authorization: Bearer <token>'");
  return request.principal;
}
