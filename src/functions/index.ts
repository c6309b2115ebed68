// Public API of `functions/`: declared Functions as workflow actions (`function.<name>`) and as
// rule targets, each invocation run in a child process of its own (see `invoke-function.ts`).
export { actionsWithFunctions } from "./actions-with-functions.js";
export type { ActionLookup } from "./actions-with-functions.js";
export { FunctionActions, runFunctionAsAction } from "./function-actions.js";
export type { FunctionActionsDeps } from "./function-actions.js";
export { createFunctionCaller } from "./function-caller.js";
export type { FunctionCallerDeps } from "./function-caller.js";
export { FunctionError } from "./function-error.js";
export type { FunctionFailure } from "./function-error.js";
export { invokeFunction } from "./invoke-function.js";
export type { Invocation, InvokeOptions } from "./invoke-function.js";
