// Templates stay as written in specs (the code that renders them compiles them again, once per
// rule or source), but a template that does not parse must be a config problem with a
// position, not a failed delivery hours later. This compiles a value's templates at load time
// and turns the first syntax error into a problem at the string that holds it.
import type { JsonValue } from "../../core/json.js";
import { TemplateError, compileTemplate } from "../../expr/index.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";

/**
 * The problem of the first template in `value` (at `pointer`) that does not compile, or none.
 * `value` is JSON as parsed from YAML or a JSON body; absent values have no problems.
 */
export function templateProblems(value: unknown, pointer: string, at: ProblemLocator): ConfigProblem[] {
  if (value === undefined) return [];
  try {
    // Parsed YAML and JSON bodies hold only JSON values (the core schema has no dates or binary).
    compileTemplate(value as JsonValue, pointer);
    return [];
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    return [at.problem(err.pointer, err.message)];
  }
}
