// Liveness, readiness and metrics: `/healthz` answers while the process runs, `/readyz` only
// when the database answers and the node is not shutting down, `/metrics` for Prometheus.
import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.js";
import { problem, sendProblem } from "../problem.js";

export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const hidden = { hide: true };
  app.get("/healthz", { config: { access: "public" }, schema: hidden }, async () => ({ status: "ok" }));

  app.get("/readyz", { config: { access: "public" }, schema: hidden }, async (_request, reply) => {
    if (!ctx.ready()) return sendProblem(reply, problem(503, "not_ready", "the node is starting or shutting down"));
    try {
      await sql`select 1`.execute(ctx.store.db);
    } catch (err) {
      return sendProblem(reply, problem(503, "database_unavailable", `the database does not answer: ${err instanceof Error ? err.message : String(err)}`));
    }
    return { status: "ready", database: ctx.store.dialect.name };
  });

  app.get("/metrics", { config: { access: "public" }, schema: hidden }, async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(body);
  });
}
