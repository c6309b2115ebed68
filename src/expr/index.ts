// Public API of `expr/`: `{{ … }}` templates and single JSONata expressions, evaluated with
// guard rails (time, depth, sequence and result size).
export { compileExpression, DEFAULT_LIMITS } from "./jsonata-eval.js";
export type { CompiledExpression, EvalLimits, ExpressionFunctions } from "./jsonata-eval.js";
export { TemplateError } from "./template-error.js";
export type { TemplateErrorDetail } from "./template-error.js";
export { compileTemplate } from "./template.js";
export type { CompiledTemplate, TemplateContext } from "./template.js";
