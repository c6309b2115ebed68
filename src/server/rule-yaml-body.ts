// Rules may be sent as YAML, the way they are written in config files: a body with
// `content-type: application/yaml` (or `application/x-yaml`, `text/yaml`) reaches the route as
// its text, at most MAX_RULE_YAML_BYTES, and is checked with line and column problems before
// anything else looks at it. Routes whose body schema wants an object answer 400 to YAML.
import type { FastifyInstance } from "fastify";
import { validateRuleYaml } from "../config/rule-yaml.js";
import type { RuleYamlProblem } from "../config/rule-yaml.js";
import type { ReflexConfig } from "../config/types.js";
import { ValidationError } from "../core/errors.js";

/** The largest YAML body (and `yaml` field) accepted. */
export const MAX_RULE_YAML_BYTES = 256 * 1024;

/** The media types read as YAML text. */
export const YAML_MEDIA_TYPES = ["application/yaml", "application/x-yaml", "text/yaml"] as const;

/** YAML text of a rule with problems; `problems` lists each with its line, column and pointer. */
export class RuleYamlInvalidError extends ValidationError {
  constructor(
    name: string,
    readonly problems: RuleYamlProblem[],
  ) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    const where = first ? `line ${first.line}, col ${first.col}${first.pointer ? ` (${first.pointer})` : ""}: ${first.message}` : "no details";
    super(`rule '${name}' is not valid: ${where}${more}`, first ? { pointer: first.pointer, line: first.line, col: first.col } : undefined, "invalid_rule");
  }
}

/** Lets `app` take YAML bodies as text (once; later calls do nothing). */
export function acceptYamlBodies(app: FastifyInstance): void {
  if (app.hasContentTypeParser(YAML_MEDIA_TYPES[0])) return;
  app.addContentTypeParser([...YAML_MEDIA_TYPES], { parseAs: "string", bodyLimit: MAX_RULE_YAML_BYTES }, (_request, body, done) => done(null, body));
}

/** The rule document in YAML `text` as the JSON body `PUT /api/v1/rules/:name` takes, or a RuleYamlInvalidError. */
export function ruleBodyFromYaml(text: string, name: string, config: ReflexConfig): Record<string, unknown> {
  const checked = validateRuleYaml(text, { name, config });
  if (checked.spec === null || checked.value === null) throw new RuleYamlInvalidError(name, checked.problems);
  return checked.value;
}
