// Replays over HTTP: start one for a bus and time window, watch its progress.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { parseTimeParam } from "../../core/time.js";
import type { ServerContext } from "../context.js";
import { IdParam, Problem } from "../schemas.js";

const ReplayView = Type.Object({
  id: Type.String(),
  bus: Type.String(),
  from: Type.String(),
  to: Type.String(),
  pattern: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  status: Type.String(),
  total: Type.Integer(),
  processed: Type.Integer(),
  selected: Type.Integer(),
  matched: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

const CreateReplay = Type.Object(
  {
    bus: Type.String({ default: "default" }),
    from: Type.String({ description: "RFC 3339, epoch ms, or a duration ago" }),
    to: Type.Optional(Type.String({ description: "default: now" })),
    pattern: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "only events matching this event pattern" })),
  },
  { additionalProperties: false },
);

export function replayRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: { bus?: string; from: string; to?: string; pattern?: Record<string, unknown> } }>(
    "/api/v1/replays",
    { config: { access: "operator" }, schema: { summary: "Replay stored events through the rules", tags: ["replays"], body: CreateReplay, response: { 202: ReplayView, 400: Problem, 404: Problem } } },
    async (request, reply) => {
      const now = ctx.clock.now();
      const body = request.body;
      const created = await ctx.replays.create({
        bus: body.bus ?? "default",
        fromMs: parseTimeParam(body.from, now, "from"),
        toMs: body.to === undefined ? now : parseTimeParam(body.to, now, "to"),
        pattern: body.pattern,
      });
      return reply.code(202).send(created);
    },
  );
  app.get("/api/v1/replays", { config: { access: "viewer" }, schema: { summary: "List replays, newest first", tags: ["replays"], response: { 200: Type.Object({ items: Type.Array(ReplayView) }) } } }, async () => ({
    items: await ctx.replays.list(),
  }));
  app.get<{ Params: { id: string } }>(
    "/api/v1/replays/:id",
    { config: { access: "viewer" }, schema: { summary: "A replay's progress and result", tags: ["replays"], params: IdParam, response: { 200: ReplayView, 404: Problem } } },
    async (request) => ctx.replays.get(request.params.id),
  );
}
