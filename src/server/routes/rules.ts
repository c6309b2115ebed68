// Rules over HTTP: the rules in force (from config files and the API, each with its origin),
// API rules written and deleted by operators (the body is the rule as JSON or YAML, checked like
// a config document; 409 for a name a config file defines), and backtests that deliver nothing.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { parseTimeParam } from "../../core/time.js";
import type { ServerContext } from "../context.js";
import { acceptYamlBodies, MAX_RULE_YAML_BYTES, ruleBodyFromYaml } from "../rule-yaml-body.js";
import { BacktestResult, RuleView } from "../rule-schemas.js";
import { NameParam, Problem } from "../schemas.js";

const BacktestBody = Type.Object(
  {
    from: Type.String({ description: "event time at or after: RFC 3339, epoch ms, or a duration ago (7d)" }),
    to: Type.Optional(Type.String({ description: "event time before; default now" })),
  },
  { additionalProperties: false },
);

export function ruleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    "/api/v1/rules",
    { config: { access: "viewer" }, schema: { summary: "List the rules in force, with where each is defined", tags: ["rules"], response: { 200: Type.Object({ items: Type.Array(RuleView) }) } } },
    async () => ({ items: ctx.rules.list() }),
  );

  app.get<{ Params: { name: string } }>(
    "/api/v1/rules/:name",
    { config: { access: "viewer" }, schema: { summary: "Get one rule", tags: ["rules"], params: NameParam, response: { 200: RuleView, 404: Problem } } },
    async (request) => ctx.rules.get(request.params.name),
  );

  acceptYamlBodies(app);
  app.put<{ Params: { name: string }; Body: Record<string, unknown> | string }>(
    "/api/v1/rules/:name",
    {
      config: { access: "operator" },
      schema: {
        summary: "Create or replace an API rule",
        description:
          "The body is the rule as JSON, as a `kind: Rule` document without `kind` (and `name`, which comes from the path), or the YAML of the document with `content-type: application/yaml`. Every problem is listed with its JSON pointer (and, for YAML, its line and column).",
        tags: ["rules"],
        params: NameParam,
        body: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String({ maxLength: MAX_RULE_YAML_BYTES, description: "YAML (application/yaml)" })]),
        response: { 200: RuleView, 201: RuleView, 400: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const body = typeof request.body === "string" ? ruleBodyFromYaml(request.body, name, ctx.config()) : request.body;
      const { created, rule } = await ctx.rules.put(name, body);
      return reply.code(created ? 201 : 200).send(rule);
    },
  );

  app.delete<{ Params: { name: string } }>(
    "/api/v1/rules/:name",
    { config: { access: "operator" }, schema: { summary: "Delete an API rule", tags: ["rules"], params: NameParam, response: { 204: Type.Null(), 404: Problem, 409: Problem } } },
    async (request, reply) => {
      await ctx.rules.remove(request.params.name);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { name: string }; Body: { from: string; to?: string } }>(
    "/api/v1/rules/:name/backtest",
    {
      config: { access: "viewer" },
      schema: {
        summary: "What the rule would have matched and sent among stored events; delivers nothing",
        description: "Throttle, dedupe and group are not simulated. At most 100 matches are listed with their rendered requests; `matched` counts them all.",
        tags: ["rules"],
        params: NameParam,
        body: BacktestBody,
        response: { 200: BacktestResult, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const { from, to } = request.body;
      return ctx.rules.backtest(request.params.name, {
        fromMs: parseTimeParam(from, now, "from"),
        toMs: to === undefined ? now : parseTimeParam(to, now, "to"),
      });
    },
  );
}
