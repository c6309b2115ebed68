// The workflow engine's configuration and switches over HTTP: the declared workflows (each
// with where it is defined, and its circuit breaker's state), re-arming an open breaker, the
// actions tasks can name, the global pause switch for incidents, and the audit log of
// operator actions.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { NotFoundError } from "../../core/errors.js";
import type { WorkflowSpec } from "../../config/workflow-types.js";
import { principalOf } from "../auth/principal-of.js";
import type { ServerContext } from "../context.js";
import { ActionView, AuditEntry, EngineState, GuardState, PauseAllResult, WorkflowDetail, WorkflowSummary } from "../execution-schemas.js";
import { NameParam, Problem } from "../schemas.js";

const AuditQuery = Type.Object({
  kind: Type.Optional(Type.String({ description: "what the entries are about: execution, approval, workflow or engine" })),
  id: Type.Optional(Type.String({ description: "the id (or name) of that thing" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
});

export function workflowRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const origin = (name: string) => ctx.config().origins.get(`Workflow/${name}`) ?? null;
  const declared = (name: string): WorkflowSpec => {
    const spec = ctx.config().workflows.get(name);
    if (!spec) throw new NotFoundError("workflow", name, "declare it with kind: Workflow in the config directory");
    return spec;
  };

  app.get("/api/v1/workflows", { config: { access: "viewer" }, schema: { summary: "List the declared workflows", tags: ["workflows"], response: { 200: Type.Object({ items: Type.Array(WorkflowSummary) }) } } }, async () => ({
    items: [...ctx.config().workflows.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((w) => ({ name: w.name, description: w.description, input: w.input, taskCount: w.tasks.length, origin: origin(w.name) })),
  }));

  app.get<{ Params: { name: string } }>(
    "/api/v1/workflows/:name",
    { config: { access: "viewer" }, schema: { summary: "One workflow as Reflex reads it, with its guard state", tags: ["workflows"], params: NameParam, response: { 200: WorkflowDetail, 404: Problem } } },
    async (request) => {
      const spec = declared(request.params.name);
      return { ...spec, origin: origin(spec.name), guards: await ctx.executions.guards(spec.name) };
    },
  );

  app.post<{ Params: { name: string } }>(
    "/api/v1/workflows/:name/rearm",
    {
      config: { access: "operator" },
      schema: { summary: "Re-arm a workflow's open circuit breaker, so it starts executions again", tags: ["workflows"], params: NameParam, response: { 200: GuardState, 400: Problem, 404: Problem } },
    },
    async (request) => ctx.executions.rearm(request.params.name, principalOf(request).name),
  );

  app.get("/api/v1/actions", { config: { access: "viewer" }, schema: { summary: "List the actions workflow tasks can name", tags: ["workflows"], response: { 200: Type.Object({ items: Type.Array(ActionView) }) } } }, async () => ({
    items: ctx.actions.list().map((a) => ({ ref: a.ref, pack: a.ref.slice(0, a.ref.indexOf(".")), description: a.description, inputSchema: a.inputSchema, timeoutMs: a.timeoutMs })),
  }));

  app.get("/api/v1/engine", { config: { access: "viewer" }, schema: { summary: "The engine's switches", tags: ["workflows"], response: { 200: EngineState } } }, async () => ({
    pausedAll: await ctx.executions.pausedAll(),
  }));

  for (const [path, on] of [
    ["pause-all", true],
    ["resume-all", false],
  ] as const) {
    app.post(
      `/api/v1/engine/${path}`,
      {
        config: { access: "admin" },
        schema: {
          summary: on ? "Pause every running execution and hold new ones paused (incidents)" : "Turn the global pause switch off and resume what it paused",
          description: "The switch is stored in the database: every node follows it.",
          tags: ["workflows"],
          response: { 200: PauseAllResult },
        },
      },
      async (request) => ctx.executions.setPausedAll(on, principalOf(request).name),
    );
  }

  app.get<{ Querystring: { kind?: string; id?: string; limit?: number } }>(
    "/api/v1/audit",
    { config: { access: "viewer" }, schema: { summary: "The audit log of operator actions, newest first", tags: ["audit"], querystring: AuditQuery, response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), 400: Problem } } },
    async (request) => {
      const { kind, id, limit } = request.query;
      return { items: await ctx.executions.audit({ kind, id, limit: limit ?? 50 }) };
    },
  );
}
