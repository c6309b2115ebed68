// Every declared Function is the workflow action `function.<name>`. The actions are built from
// the configuration in force each time they are asked for (one definition per spec, cached
// until a reload replaces the spec), so a reload that adds, changes or removes a Function takes
// effect at the next task. The input schema is the Function's `inputSchema`, else any object.
// A run passes the task's input as the event, the Function's declared secrets (resolved by the
// engine, which reads them from `secrets`) as `context.secrets`, and the console output to the
// task log; a failed invocation fails the task with what the handler threw, its stack trimmed,
// kept as the task's result.
import { ActionError } from "../actions/action-error.js";
import { InputSchemas } from "../actions/input-validator.js";
import type { InputValidator } from "../actions/input-validator.js";
import type { AnyActionDefinition } from "../actions/registry.js";
import type { ActionContext } from "../actions/types.js";
import { FUNCTION_ACTION_PREFIX } from "../config/kinds/function-schema.js";
import type { FunctionSpec, ReflexConfig } from "../config/types.js";
import { NotFoundError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { newId } from "../core/ids.js";
import { FunctionError } from "./function-error.js";
import { invokeFunction } from "./invoke-function.js";
import type { InvokeOptions } from "./invoke-function.js";

/** Time an action run gets beyond the Function's timeout, so the invocation's own timeout speaks first. */
const ACTION_TIMEOUT_MARGIN_MS = 5_000;

/** The input schema of a Function that declares none. */
const ANY_OBJECT: JsonObject = Object.freeze({ type: "object" }) as JsonObject;

/** What the Function actions need. */
export interface FunctionActionsDeps {
  /** The configuration in force. */
  config(): ReflexConfig;
  invoke?: InvokeOptions;
}

interface Built {
  definition: AnyActionDefinition;
  validate: InputValidator;
}

/**
 * The `function` pack: the same lookups as an ActionRegistry (`get`, `has`, `list`, `refs`,
 * `requiredInputs`, `validateInput`), over the declared Functions.
 */
export class FunctionActions {
  private readonly built = new WeakMap<FunctionSpec, Built>();
  private readonly schemas = new InputSchemas();

  constructor(private readonly deps: FunctionActionsDeps) {}

  /** The action `ref` (`function.<name>`), or undefined when no such Function is declared. */
  get(ref: string): AnyActionDefinition | undefined {
    return this.entry(ref)?.definition;
  }

  has(ref: string): boolean {
    return this.entry(ref) !== undefined;
  }

  /** The action of every declared Function, by ref. */
  list(): readonly AnyActionDefinition[] {
    return this.refs().flatMap((ref) => this.get(ref) ?? []);
  }

  /** `function.<name>` of every declared Function, sorted. */
  refs(): readonly string[] {
    return [...this.deps.config().functions.keys()].map((name) => `${FUNCTION_ACTION_PREFIX}${name}`).sort();
  }

  requiredInputs(ref: string): readonly string[] | undefined {
    const definition = this.get(ref);
    if (definition === undefined) return undefined;
    const required = definition.inputSchema["required"];
    return Array.isArray(required) ? required.filter((r) => typeof r === "string") : [];
  }

  /** Checks `input` against the Function's input schema; throws a ValidationError at the offending pointer. */
  validateInput(ref: string, input: JsonValue): void {
    const entry = this.entry(ref);
    if (entry === undefined) throw new NotFoundError("action", ref, `declared Functions: ${this.refs().join(", ") || "none"}`);
    entry.validate(input);
  }

  private entry(ref: string): Built | undefined {
    if (!ref.startsWith(FUNCTION_ACTION_PREFIX)) return undefined;
    const spec = this.deps.config().functions.get(ref.slice(FUNCTION_ACTION_PREFIX.length));
    if (spec === undefined) return undefined;
    let built = this.built.get(spec);
    if (built === undefined) {
      const definition = functionAction(spec, this.deps.invoke);
      built = { definition, validate: this.schemas.compile(definition.ref, definition.inputSchema) };
      this.built.set(spec, built);
    }
    return built;
  }
}

/** The action running `spec`. */
function functionAction(spec: FunctionSpec, invoke: InvokeOptions | undefined): AnyActionDefinition {
  return {
    ref: `${FUNCTION_ACTION_PREFIX}${spec.name}`,
    description: spec.description ?? `Runs the Function '${spec.name}' (${spec.source === "inline" ? "inline code" : spec.source.file})`,
    inputSchema: spec.inputSchema ?? ANY_OBJECT,
    timeoutMs: spec.timeoutMs + ACTION_TIMEOUT_MARGIN_MS,
    secrets: spec.secrets,
    run: (input, ctx) => runFunctionAsAction(spec, input, ctx, invoke, { pack: false }),
  };
}

/**
 * Runs a Function as one action run: its declared secrets from the run's, its console lines into
 * the run's log, and a failure as an ActionError (retryable unless the process could not start).
 * `as` says what runs it — a `function.<name>` task or a pack action — for the trigger, the log
 * and the error message.
 */
export async function runFunctionAsAction(spec: FunctionSpec, input: JsonValue, ctx: ActionContext, invoke: InvokeOptions | undefined, as: { pack: false } | { pack: true }): Promise<JsonValue> {
  const secrets = Object.fromEntries(spec.secrets.flatMap((name) => (ctx.secrets[name] === undefined ? [] : [[name, ctx.secrets[name]] as const])));
  const requestId = newId();
  const run = { executionId: ctx.executionId, taskId: ctx.taskId, attempt: ctx.attempt };
  ctx.log.info(as.pack ? `action '${spec.name}' runs ${spec.filename} (request ${requestId})` : `function '${spec.name}' invocation ${requestId}`);
  try {
    return await invokeFunction(
      {
        spec,
        event: input,
        requestId,
        secrets,
        trigger: as.pack ? { type: "action", ref: spec.name, ...run } : { type: "workflow", ...run },
        signal: ctx.signal,
        onLine: (stream, line) => ctx.log[stream](line),
      },
      invoke,
    );
  } catch (err) {
    if (!(err instanceof FunctionError)) throw err;
    const result: JsonValue = err.thrown === undefined ? null : { error: { name: err.thrown.name, message: err.thrown.message, stack: err.thrown.stack } };
    const message = as.pack ? err.message.replace(/^function /, "action ") : err.message;
    throw new ActionError(message, { code: err.failure, retryable: err.failure !== "function_cannot_start", result, cause: err });
  }
}
