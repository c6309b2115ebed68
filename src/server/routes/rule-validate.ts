// Checking a rule as it is typed: `POST /api/v1/rules/validate` takes the YAML text of one Rule
// document (`{yaml}` as JSON, or the text itself as application/yaml) and answers 200 with
// every problem at its line and column, as `reflex validate` would report it for a config file,
// and the rule as Reflex would read it when there is none. Nothing is stored.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { validateRuleYaml } from "../../config/rule-yaml.js";
import type { ServerContext } from "../context.js";
import { acceptYamlBodies, MAX_RULE_YAML_BYTES } from "../rule-yaml-body.js";
import { Problem } from "../schemas.js";

const Body = Type.Union([
  Type.Object(
    {
      yaml: Type.String({ maxLength: MAX_RULE_YAML_BYTES, description: "the YAML text of one Rule document" }),
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "the name the rule will be written under, when the text has none" })),
    },
    { additionalProperties: false },
  ),
  Type.String({ maxLength: MAX_RULE_YAML_BYTES, description: "the YAML text itself (content-type application/yaml)" }),
]);

const Answer = Type.Object({
  valid: Type.Boolean(),
  problems: Type.Array(
    Type.Object({
      line: Type.Integer({ description: "1-based; 0 for the text as a whole" }),
      col: Type.Integer(),
      pointer: Type.String({ description: "JSON pointer into the document" }),
      message: Type.String(),
    }),
  ),
  rule: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "the rule as Reflex reads it (defaults filled in, durations in ms), when valid" })),
});

export function ruleValidateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  acceptYamlBodies(app);
  app.post<{ Body: { yaml: string; name?: string } | string }>(
    "/api/v1/rules/validate",
    {
      config: { access: "viewer" },
      bodyLimit: MAX_RULE_YAML_BYTES * 2,
      schema: {
        summary: "Check the YAML of one rule, as a config file's rule is checked",
        description: "Answers 200 whether the rule is valid or not: `problems` holds each with its line, column and JSON pointer. Bus and channel references are checked against the configuration in force. Nothing is stored.",
        tags: ["rules"],
        body: Body,
        response: { 200: Answer, 400: Problem },
      },
    },
    async (request) => {
      const { yaml, name } = typeof request.body === "string" ? { yaml: request.body, name: undefined } : request.body;
      const checked = validateRuleYaml(yaml, { ...(name === undefined ? {} : { name }), config: ctx.config() });
      return {
        valid: checked.spec !== null,
        problems: checked.problems,
        ...(checked.spec === null ? {} : { rule: JSON.parse(JSON.stringify(checked.spec)) as Record<string, unknown> }),
      };
    },
  );
}
