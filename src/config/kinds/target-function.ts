// A rule's `function` target: one invocation of a declared Function per delivery, with the
// rendered `input` as the handler's event (the delivery's default payload, the event, when the
// target gives none). The Function must be declared; that is known only once every document
// is loaded, so the Function kind's cross-check calls `functionTargetReferenceProblems`.
//
//   targets:
//     - type: function
//       function: restart-nginx
//       input: {instanceId: "{{ event.subject }}", region: "{{ event.region }}"}
import { pointerSegment } from "../../core/json.js";
import type { JsonValue } from "../../core/json.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import type { FunctionTargetSpec, RetrySpec } from "../types.js";
import type { CrossContext } from "./kind.js";
import type { TargetDocument } from "./target-schema.js";
import { templateProblems } from "./template-check.js";

type FunctionTargetDocument = Extract<TargetDocument, { type: "function" }>;

/** The spec of a `function` target. */
export function buildFunctionTarget(doc: FunctionTargetDocument, name: string, retry: RetrySpec): FunctionTargetSpec {
  const spec: FunctionTargetSpec = { type: "function", name, retry, function: doc.function };
  // Parsed YAML and JSON bodies hold only JSON values.
  if (doc.input !== undefined) spec.input = doc.input as JsonValue;
  return spec;
}

/** The templates of a `function` target's input must compile. */
export function functionTargetProblems(target: FunctionTargetDocument, pointer: string, at: ProblemLocator): ConfigProblem[] {
  return templateProblems(target.input, `${pointer}/input`, at);
}

/** A problem at each `function` target of a rule document that names no declared Function. */
export function functionTargetReferenceProblems(context: CrossContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const declared = [...context.config.functions.keys()];
  for (const rule of context.config.rules.values()) {
    const doc = context.declared("Rule", rule.name);
    if (doc === undefined) continue;
    rule.targets.forEach((target, i) => {
      if (target.type !== "function" || context.declared("Function", target.function) !== undefined) return;
      const others = declared.length === 0 ? "" : ` or use one of: ${declared.join(", ")}`;
      const message = `Function '${target.function}' is not declared; declare it with 'kind: Function'${others}${didYouMean(target.function, declared)}`;
      problems.push(doc.problem(`/targets/${pointerSegment(i)}/function`, message));
    });
  }
  return problems;
}
