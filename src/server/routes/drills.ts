// Chaos drills over HTTP: the drills configured (`kind: Drill`), starting a run (it goes on in
// the background of this API process; the answer is its id), the runs newest first, and a
// run's report as JSON (live while it runs) or as a self-contained HTML page.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { DrillService, reportHtml } from "../../drill/index.js";
import type { DrillServiceOptions } from "../../drill/index.js";
import type { ServerContext } from "../context.js";
import { IdParam, NameParam, Problem } from "../schemas.js";

const Open = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

const DrillView = Type.Object({
  name: Type.String(),
  description: Type.Optional(Type.String()),
  simulator: Type.Optional(Type.String()),
  instances: Open("{create: {count, cloud, tags, …}} or {ids: [...]}"),
  fault: Type.String(),
  staggerMs: Type.Integer(),
  criteria: Type.Object({ detectWithinMs: Type.Integer(), healWithinMs: Type.Integer(), minHealedPercent: Type.Number() }),
  timeoutMs: Type.Integer(),
  origin: Type.Union([Type.Null(), Open("file, line, col")]),
});

const RunBody = Type.Object(
  { instances: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: "how many instances to create instead of the drill's create.count" })) },
  { additionalProperties: false },
);

const RunListItem = Type.Object({
  runId: Type.String(),
  drill: Type.String(),
  status: Type.String({ description: "running, passed, failed or error" }),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Open("the report's summary"), Type.Null()]),
});

const Report = Open("the drill report: drill, runId, status, criteria, summary, instances, timeline");

/**
 * Registers the drill routes and the service behind them, made from `ctx` and `options`
 * (`env` for REFLEX_SIM_URL / REFLEX_SIM_TOKEN, default the process's). On ready, runs a dead
 * node left `running` are marked as error; on close, this node's runs are interrupted.
 */
export function drillRoutes(app: FastifyInstance, ctx: ServerContext, options: Partial<DrillServiceOptions> = {}): DrillService {
  const service = new DrillService({ store: ctx.store, clock: ctx.clock, logger: ctx.logger, config: ctx.config, env: ctx.env, ...options });
  app.addHook("onReady", async () => {
    const marked = await service.recover();
    if (marked > 0) ctx.logger.warn({ runs: marked }, "drill runs interrupted by the last shutdown were marked as error");
  });
  app.addHook("onClose", () => service.close());

  app.get(
    "/api/v1/drills",
    { config: { access: "viewer" }, schema: { summary: "List the configured drills", tags: ["drills"], response: { 200: Type.Object({ items: Type.Array(DrillView) }) } } },
    async () => ({
      items: service.drills().map((d) => ({ ...JSON.parse(JSON.stringify(d)), origin: ctx.config().origins.get(`Drill/${d.name}`) ?? null })),
    }),
  );

  app.post<{ Params: { name: string }; Body: { instances?: number } | undefined }>(
    "/api/v1/drills/:name/runs",
    {
      config: { access: "operator" },
      schema: {
        summary: "Start a run of a drill",
        description: "The run goes on in the background of the API process that answers; follow it with GET /api/v1/drill-runs/{id}.",
        tags: ["drills"],
        params: NameParam,
        body: Type.Optional(RunBody),
        response: { 202: Type.Object({ runId: Type.String(), status: Type.String() }), 400: Problem, 404: Problem },
      },
      // A POST with no body at all starts the drill as configured.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const instances = request.body?.instances;
      const started = await service.start(request.params.name, instances === undefined ? {} : { instances });
      return reply.code(202).header("location", `/api/v1/drill-runs/${started.runId}`).send({ runId: started.runId, status: started.report.status });
    },
  );

  app.get<{ Querystring: { drill?: string; limit?: number } }>(
    "/api/v1/drill-runs",
    {
      config: { access: "viewer" },
      schema: {
        summary: "List drill runs, newest first",
        tags: ["drills"],
        querystring: Type.Object({ drill: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(RunListItem) }), 400: Problem },
      },
    },
    async (request) => ({ items: await service.list({ ...(request.query.drill === undefined ? {} : { drill: request.query.drill }), limit: request.query.limit ?? 50 }) }),
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/drill-runs/:id",
    { config: { access: "viewer" }, schema: { summary: "A drill run's report (live while it runs)", tags: ["drills"], params: IdParam, response: { 200: Report, 404: Problem } } },
    async (request) => service.report(request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/drill-runs/:id/report.html",
    { config: { access: "viewer" }, schema: { summary: "A drill run's report as a self-contained HTML page", tags: ["drills"], params: IdParam, response: { 404: Problem } } },
    async (request, reply) => {
      const report = await service.report(request.params.id);
      return reply.type("text/html; charset=utf-8").header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'").send(reportHtml(report));
    },
  );
  return service;
}
