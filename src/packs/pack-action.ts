// A pack action as the registry holds it: its ref, description, input schema and limits from
// the metadata file, and a `run` that hands the input to the entry's `main_handler(input,
// context)` (or default export) through the Functions runner, in a child process of its own,
// with the action's memory cap and timeout, only its declared environment and secrets, and
// its console output in the task log. A pack's code is code the operator installed, so it
// never runs inside the Reflex process; a throw fails the task with what was thrown.
import type { AnyActionDefinition } from "../actions/registry.js";
import type { JsonObject } from "../core/json.js";
import { runFunctionAsAction } from "../functions/index.js";
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
    run: (input, ctx) => runFunctionAsAction(fn, input, ctx, invoke, { pack: true }),
  };
}

