// Builds the HTTP server: Fastify with problem+json errors, the auth guard, request metrics,
// the OpenAPI document at `/api/v1/openapi.json`, and the route modules. Nothing here starts
// listening; the composition root does.
import swagger from "@fastify/swagger";
import Fastify, { LogController } from "fastify";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { installAuthGuard } from "./auth/guard.js";
import type { ServerContext } from "./context.js";
import { problem, problemHandler, sendProblem } from "./problem.js";
import { approvalRoutes } from "./routes/approvals.js";
import { automationConfigRoutes } from "./routes/automation-config.js";
import { configRoutes } from "./routes/config.js";
import { consoleRoutes } from "./routes/console.js";
import { deliveryBulkRetryRoutes } from "./routes/delivery-bulk-retry.js";
import { deliveryRoutes } from "./routes/deliveries.js";
import { drillRoutes } from "./routes/drills.js";
import { eventRoutes } from "./routes/events.js";
import { executionEventRoutes } from "./routes/execution-events.js";
import { executionRoutes } from "./routes/executions.js";
import { healthRoutes } from "./routes/health.js";
import { ingestRoutes } from "./routes/ingest.js";
import { meRoutes } from "./routes/me.js";
import { notificationRoutes } from "./routes/notifications.js";
import { packRoutes } from "./routes/packs.js";
import { patternRoutes } from "./routes/patterns.js";
import { replayRoutes } from "./routes/replays.js";
import { ruleValidateRoutes } from "./routes/rule-validate.js";
import { ruleRoutes } from "./routes/rules.js";
import { secretRoutes } from "./routes/secrets.js";
import { simProxyRoutes } from "./routes/sim-proxy.js";
import { statsRoutes } from "./routes/stats.js";
import { tokenRoutes } from "./routes/tokens.js";
import { workflowRoutes } from "./routes/workflows.js";

/** The package version, shown in the OpenAPI document. */
export const VERSION = "0.1.0";

export async function buildServer(ctx: ServerContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Secret names may be 128 characters long (SECRET_NAME); Fastify's default is 100.
    routerOptions: { maxParamLength: 256 },
    forceCloseConnections: false,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true } },
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Reflex API", version: VERSION, description: "Events, rules, workflows and remediation. Errors are application/problem+json (RFC 9457)." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (rfx_…)" } } },
      security: [{ bearer: [] }],
    },
  });

  app.setErrorHandler(problemHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, "no_route", `there is no route ${request.method} ${request.url.split("?")[0] ?? ""}; the API is described at /api/v1/openapi.json`, { instance: request.url })),
  );
  installAuthGuard(app, ctx.tokens, ctx.authMode);

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const seconds = reply.elapsedTime / 1000;
    ctx.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    if (request.routeOptions.config.ingest === true) ctx.metrics.ingestDuration.observe({ route }, seconds);
  });

  healthRoutes(app, ctx);
  app.get("/api/v1/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  await app.register(async (scope) => ingestRoutes(scope, ctx));
  eventRoutes(app, ctx);
  replayRoutes(app, ctx);
  tokenRoutes(app, ctx);
  meRoutes(app, ctx);
  configRoutes(app, ctx);
  automationConfigRoutes(app, ctx);
  patternRoutes(app, ctx);
  ruleRoutes(app, ctx);
  ruleValidateRoutes(app, ctx);
  deliveryRoutes(app, ctx);
  deliveryBulkRetryRoutes(app, ctx);
  executionRoutes(app, ctx);
  executionEventRoutes(app, ctx);
  approvalRoutes(app, ctx);
  workflowRoutes(app, ctx);
  notificationRoutes(app, ctx);
  secretRoutes(app, ctx);
  packRoutes(app, ctx);
  drillRoutes(app, ctx);
  simProxyRoutes(app, ctx);
  statsRoutes(app, ctx);
  // Last: the console answers every GET path the API does not own.
  consoleRoutes(app, ctx);
  return app;
}
