// Packs and single actions through the API: the built-in and installed packs (viewer), one
// action with its schema, timeout and pack (viewer), and an ad hoc run of one action
// (operator), recorded in the audit log and bounded by the action's timeout (see
// `packs/run-action.ts`). The list of actions stays with the workflow routes.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { NotFoundError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import { principalOf } from "../auth/principal-of.js";
import type { ServerContext } from "../context.js";
import { NameParam, Problem } from "../schemas.js";

const PackView = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    description: Type.String(),
    builtIn: Type.Boolean(),
    requires: Type.Union([Type.String(), Type.Null()], { description: "requires.reflex of an installed pack" }),
    origin: Type.Union([Type.String(), Type.Null()], { description: "file:line:col of an installed pack's pack.yaml" }),
    actions: Type.Array(Type.String()),
    workflows: Type.Array(Type.String()),
    rules: Type.Array(Type.String()),
    channels: Type.Array(Type.String()),
  },
  { description: "A pack: built-in, or installed from the packs directory" },
);

const ActionView = Type.Object({
  ref: Type.String(),
  pack: Type.String(),
  description: Type.String(),
  inputSchema: Type.Record(Type.String(), Type.Unknown()),
  timeoutMs: Type.Number(),
  secrets: Type.Array(Type.String()),
});

const RefParam = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 256 }) });

const RunBody = Type.Object(
  {
    input: Type.Optional(Type.Unknown({ description: "the action's input; default {}" })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1, description: "stop sooner than the action's own timeout" })),
  },
  { additionalProperties: false },
);

const LogLine = Type.Object({ ts: Type.Number(), stream: Type.String(), line: Type.String() });

const RunView = Type.Object(
  {
    id: Type.String(),
    ref: Type.String(),
    status: Type.Union([Type.Literal("succeeded"), Type.Literal("failed"), Type.Literal("timeout")]),
    result: Type.Unknown(),
    error: Type.Union([Type.String(), Type.Null()]),
    durationMs: Type.Number(),
    logs: Type.Array(LogLine),
  },
  { description: "How an ad hoc run ended; recorded in the audit log as action.run" },
);

/** Registers the packs routes and the single-action routes. */
export function packRoutes(app: FastifyInstance, ctx: Pick<ServerContext, "packs">): void {
  app.get("/api/v1/packs", { config: { access: "viewer" }, schema: { summary: "List the packs: built-in ones, then installed ones", tags: ["packs"], response: { 200: Type.Object({ items: Type.Array(PackView) }) } } }, async () => ({
    items: ctx.packs.catalog.list(),
  }));

  app.get<{ Params: { name: string } }>(
    "/api/v1/packs/:name",
    { config: { access: "viewer" }, schema: { summary: "One pack with its actions, workflows, rules and channels", tags: ["packs"], params: NameParam, response: { 200: PackView, 404: Problem } } },
    async (request) => {
      const pack = ctx.packs.catalog.get(request.params.name);
      if (pack === undefined) throw new NotFoundError("pack", request.params.name, "`reflex packs list` shows the packs there are");
      return pack;
    },
  );

  app.get<{ Params: { ref: string } }>(
    "/api/v1/actions/:ref",
    { config: { access: "viewer" }, schema: { summary: "One action: its input schema, default timeout, secrets and pack", tags: ["packs"], params: RefParam, response: { 200: ActionView, 404: Problem } } },
    async (request) => {
      const action = ctx.packs.action(request.params.ref);
      if (action === undefined) throw new NotFoundError("action", request.params.ref, "`reflex actions list` shows the actions there are");
      return action;
    },
  );

  app.post<{ Params: { ref: string }; Body: { input?: unknown; timeoutMs?: number } | undefined }>(
    "/api/v1/actions/:ref/run",
    {
      config: { access: "operator" },
      schema: {
        summary: "Run one action ad hoc and wait for its outcome",
        description: "Checks the input against the action's schema, runs the action on this node bounded by its timeout, records the run in the audit log (action.run) and answers with the result and log lines, secrets replaced by ***.",
        tags: ["packs"],
        params: RefParam,
        body: Type.Optional(RunBody),
        response: { 200: RunView, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      // Fastify parsed the body from JSON, so the input is a JSON value.
      return ctx.packs.runner.run(request.params.ref, (body.input ?? {}) as JsonValue, principalOf(request).name, body.timeoutMs);
    },
  );
}
