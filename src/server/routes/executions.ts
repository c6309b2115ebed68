// Workflow executions over HTTP: start one (operator; the token's name is recorded as who
// did), list them with filters (workflow, status, parent, creation time) and a cursor, read one
// with every task, item and log line, its log lines alone, and cancel, pause, resume or rerun it.
// Each operator action is written to the audit log by the engine in the same transaction. Live
// updates are in execution-events.ts.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ValidationError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { timeWindowParams } from "../../core/time.js";
import type { ExecutionStatus } from "../../engine/index.js";
import { principalOf } from "../auth/principal-of.js";
import type { ServerContext } from "../context.js";
import { ExecutionLogLine, ExecutionPage, ExecutionStatusSchema, ExecutionView, StartedExecution } from "../execution-schemas.js";
import { IdParam, Problem } from "../schemas.js";

const StartBody = Type.Object(
  {
    workflow: Type.String({ minLength: 1, maxLength: 256, description: "a declared workflow's name" }),
    input: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "the workflow's inputs; defaults fill the rest" })),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({
  workflow: Type.Optional(Type.String()),
  status: Type.Optional(ExecutionStatusSchema),
  parentId: Type.Optional(Type.String({ description: "only the sub-workflows of this execution" })),
  topLevel: Type.Optional(Type.Boolean({ description: "true: only executions that are not sub-workflows" })),
  from: Type.Optional(Type.String({ description: "created at or after: RFC 3339, epoch ms, or a duration ago (15m, 7d)" })),
  to: Type.Optional(Type.String({ description: "created before: RFC 3339, epoch ms, or a duration ago" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  cursor: Type.Optional(Type.String({ description: "the previous page's nextCursor" })),
});
type ListQuery = { workflow?: string; status?: ExecutionStatus; parentId?: string; topLevel?: boolean; from?: string; to?: string; limit?: number; cursor?: string };

const RerunBody = Type.Object(
  { tasks: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true, description: "the tasks to run again; default: the failed ones" })) },
  { additionalProperties: false },
);

export function executionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const service = ctx.executions;

  app.post<{ Body: { workflow: string; input?: JsonObject } }>(
    "/api/v1/executions",
    {
      config: { access: "operator" },
      schema: {
        summary: "Start an execution of a workflow",
        description: "Inputs are checked against the workflow's declared inputs. A guard may hold the execution back: `status` is then `requested` (concurrency), `pending` (budget: it waits for an approval) or `canceled` (circuit open, or dropped by concurrency).",
        tags: ["executions"],
        body: StartBody,
        response: { 201: StartedExecution, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { workflow, input } = request.body;
      return reply.code(201).send(await service.start(workflow, input ?? {}, principalOf(request).name));
    },
  );

  app.get<{ Querystring: ListQuery }>(
    "/api/v1/executions",
    { config: { access: "viewer" }, schema: { summary: "List executions, newest first", tags: ["executions"], querystring: ListQuery, response: { 200: ExecutionPage, 400: Problem } } },
    async (request) => {
      const { workflow, status, parentId, topLevel, cursor } = request.query;
      if (parentId !== undefined && topLevel === true) throw new ValidationError("give parentId or topLevel=true, not both: sub-workflows of an execution are never top-level", { pointer: "/topLevel" });
      const limit = request.query.limit ?? 50;
      const { fromMs, toMs } = timeWindowParams(request.query, ctx.clock.now());
      const items = await service.list({ workflow, status, parentId: topLevel === true ? null : parentId, before: cursor, createdFrom: fromMs, createdTo: toMs, limit });
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === limit && last ? String(last.id) : null };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/executions/:id",
    { config: { access: "viewer" }, schema: { summary: "One execution with every task run, item and log line", tags: ["executions"], params: IdParam, response: { 200: ExecutionView, 404: Problem } } },
    async (request) => service.get(request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/executions/:id/logs",
    {
      config: { access: "viewer" },
      schema: { summary: "Every log line of every task of an execution, oldest first", tags: ["executions"], params: IdParam, response: { 200: Type.Object({ items: Type.Array(ExecutionLogLine) }), 404: Problem } },
    },
    async (request) => ({ items: logLines(await service.get(request.params.id)) }),
  );

  const operations = [
    { verb: "cancel", summary: "Cancel an execution and its sub-workflows (running actions are aborted)", run: service.cancel.bind(service) },
    { verb: "pause", summary: "Pause an execution and its sub-workflows: running work finishes, nothing new starts", run: service.pause.bind(service) },
    { verb: "resume", summary: "Resume a paused execution and its sub-workflows", run: service.resume.bind(service) },
  ] as const;
  for (const { verb, summary, run } of operations) {
    app.post<{ Params: { id: string } }>(
      `/api/v1/executions/:id/${verb}`,
      { config: { access: "operator" }, schema: { summary, tags: ["executions"], params: IdParam, response: { 200: ExecutionView, 404: Problem, 409: Problem } } },
      async (request) => run(request.params.id, principalOf(request).name),
    );
  }

  app.post<{ Params: { id: string }; Body: { tasks?: string[] } }>(
    "/api/v1/executions/:id/rerun",
    {
      config: { access: "operator" },
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        summary: "Start a new execution from an ended one's failed tasks, or from the tasks named",
        description: "Tasks that succeeded are carried over as they were; of a with-items task only the items that did not succeed run again. The body may be left out.",
        tags: ["executions"],
        params: IdParam,
        body: RerunBody,
        response: { 201: Type.Object({ id: Type.String({ description: "the new execution" }) }), 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await service.rerun(request.params.id, principalOf(request).name, request.body.tasks) }),
  );
}

/** The log lines of an execution view, flattened with their task, in time order. */
function logLines(view: JsonObject): JsonObject[] {
  const runs = Array.isArray(view.tasks) ? view.tasks.filter(isJsonObject) : [];
  const lines = runs.flatMap((run) =>
    (Array.isArray(run.logs) ? run.logs.filter(isJsonObject) : []).map((log) => ({
      task: run.task ?? null,
      taskRunId: run.id ?? null,
      item: log.item ?? null,
      attempt: log.attempt ?? null,
      ts: String(log.ts),
      stream: log.stream ?? null,
      line: log.line ?? null,
    })),
  );
  // RFC 3339 times in UTC with the same precision sort as text.
  return lines.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}
