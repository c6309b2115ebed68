// A pack action as the registry holds it: its ref, description, input schema and limits from
// the metadata file, and a `run` that hands the input to the entry's `main_handler(input,
// context)` (or default export) through the Functions runner, in a child process of its own,
// with the action's memory cap and timeout, only its declared environment and secrets, and
// its console output in the task log. A pack's code is code the operator installed, so it
// never runs inside the Reflex process; a throw fails the task with what was thrown.
import { ActionError } from "../actions/action-error.js";
import type { AnyActionDefinition } from "../actions/registry.js";
import type { ActionContext } from "../actions/types.js";
import type { FunctionSpec } from "../config/types.js";
import { newId } from "../core/ids.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { FunctionError, invokeFunction } from "../functions/index.js";
import type { InvokeOptions } from "../functions/index.js";
import type { PackActionSpec } from "./action-metadata.js";

/** Time a run gets beyond the entry's own timeout, so the invocation's timeout speaks first. */
const RUN_TIMEOUT_MARGIN_MS = 5_000;

/** The input schema of an action that declares none. */
const ANY_OBJECT: JsonObject = Object.freeze({ type: "object" }) as JsonObject;

/** The registry definition of a pack action; `invoke` tunes the runner (tests). */
export function packAction(spec: PackActionSpec, invoke?: InvokeOptions): AnyActionDefinition {
  const fn = spec.function;
  return {
    ref: spec.ref,
    description: spec.metadata.description,
    // Parsed YAML holds only JSON values.
    inputSchema: (spec.metadata.inputSchema as JsonObject | undefined) ?? ANY_OBJECT,
    timeoutMs: fn.timeoutMs + RUN_TIMEOUT_MARGIN_MS,
    secrets: fn.secrets,
    run: (input, ctx) => runEntry(fn, input, ctx, invoke),
  };
}

async function runEntry(fn: FunctionSpec, input: JsonValue, ctx: ActionContext, invoke: InvokeOptions | undefined): Promise<JsonValue> {
  const secrets = Object.fromEntries(fn.secrets.flatMap((name) => (ctx.secrets[name] === undefined ? [] : [[name, ctx.secrets[name]] as const])));
  const requestId = newId();
  ctx.log.info(`action '${fn.name}' runs ${fn.filename} (request ${requestId})`);
  try {
    return await invokeFunction(
      {
        spec: fn,
        event: input,
        requestId,
        secrets,
        trigger: { type: "action", ref: fn.name, executionId: ctx.executionId, taskId: ctx.taskId, attempt: ctx.attempt },
        signal: ctx.signal,
        onLine: (stream, line) => ctx.log[stream](line),
      },
      invoke,
    );
  } catch (err) {
    if (!(err instanceof FunctionError)) throw err;
    const result: JsonValue = err.thrown === undefined ? null : { error: { name: err.thrown.name, message: err.thrown.message, stack: err.thrown.stack } };
    throw new ActionError(err.message.replace(/^function /, "action "), { code: err.failure, retryable: err.failure !== "function_cannot_start", result, cause: err });
  }
}
