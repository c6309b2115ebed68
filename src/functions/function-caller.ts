// The rule side of Functions: a `function` target's delivery attempt runs the Function declared
// now (a reload between two attempts takes effect), with its secrets resolved at that moment,
// and is recorded like any other attempt. What the attempt gives back is bounded: the response
// is a JSON text of the result (cut past RESPONSE_RESULT_BYTES), what the handler threw with
// its stack, and the first log lines, every secret value replaced by `***`. A Function no
// longer declared, or a secret that is not set, fails the delivery for good; everything else
// (a throw, the timeout, the memory cap) is retried by the target's `retry`.
import { TaskLog } from "../actions/task-log.js";
import { utf8Prefix } from "../actions/utf8-prefix.js";
import type { ReflexConfig } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { redactor } from "../core/redact.js";
import type { Redactor } from "../core/redact.js";
import { NO_SECRETS } from "../core/secrets.js";
import type { SecretResolver } from "../core/secrets.js";
import type { FunctionRequestSpec } from "../rules/delivery-request.js";
import type { AttemptResult, FunctionCaller } from "../rules/run-target.js";
import { FunctionError } from "./function-error.js";
import type { ThrownError } from "./runner-protocol.js";
import { invokeFunction } from "./invoke-function.js";
import type { InvokeOptions } from "./invoke-function.js";

/** Most bytes of the result's JSON kept in an attempt's response. */
export const RESPONSE_RESULT_BYTES = 8 * 1024;

/** Bounds of the log lines kept in an attempt's response. */
const RESPONSE_LOG_LIMITS = { maxLines: 50, maxBytes: 8 * 1024, maxLineBytes: 1024 };

/** What the rule target's caller needs. */
export interface FunctionCallerDeps {
  /** The configuration in force. */
  config(): ReflexConfig;
  /** Where the Functions' declared secrets are looked up; none by default. */
  secrets?: SecretResolver;
  invoke?: InvokeOptions;
}

/** The caller `createRuleEngine({functions})` takes for `function` targets. */
export function createFunctionCaller(deps: FunctionCallerDeps): FunctionCaller {
  return { call: (request, attempt) => callFunction(deps, request, attempt) };
}

async function callFunction(deps: FunctionCallerDeps, request: FunctionRequestSpec, attempt: { deliveryId: string; signal: AbortSignal }): Promise<AttemptResult> {
  const spec = deps.config().functions.get(request.function);
  if (spec === undefined) {
    return failed(true, `Function '${request.function}' is not declared (any more); declare it with 'kind: Function', then re-drive the delivery`, null);
  }
  let secrets: Readonly<Record<string, string>>;
  try {
    secrets = spec.secrets.length === 0 ? {} : await (deps.secrets ?? NO_SECRETS).resolve(spec.secrets);
  } catch (err) {
    if (err instanceof ReflexError) return failed(true, `Function '${spec.name}': ${err.message}`, null);
    throw err;
  }
  const redact = redactor(Object.values(secrets));
  const log = new TaskLog({ secrets: Object.values(secrets), limits: RESPONSE_LOG_LIMITS });
  const requestId = newId();
  try {
    const result = await invokeFunction(
      {
        spec,
        event: request.input,
        requestId,
        secrets,
        trigger: { type: "rule", rule: request.rule, target: request.target, deliveryId: attempt.deliveryId },
        signal: attempt.signal,
        onLine: (stream, line) => log[stream](line),
      },
      deps.invoke,
    );
    return { ok: true, permanent: false, httpStatus: null, response: response({ requestId, result: redactValue(result, redact) }, log), error: null };
  } catch (err) {
    if (!(err instanceof FunctionError)) throw err;
    const shown: JsonObject = { requestId };
    if (err.thrown !== undefined) shown.error = redactValue(thrownJson(err.thrown), redact);
    return failed(false, redact(err.message), response(shown, log));
  }
}

function failed(permanent: boolean, error: string, shown: string | null): AttemptResult {
  return { ok: false, permanent, httpStatus: null, response: shown, error };
}

function thrownJson(thrown: ThrownError): JsonObject {
  return { name: thrown.name, message: thrown.message, stack: thrown.stack };
}

/** `{requestId, result | error, logs}` as JSON, the result cut to its first RESPONSE_RESULT_BYTES of JSON. */
function response(fields: JsonObject, log: TaskLog): string {
  const shown: JsonObject = { ...fields };
  if ("result" in shown) {
    const text = JSON.stringify(shown.result);
    if (Buffer.byteLength(text) > RESPONSE_RESULT_BYTES) {
      delete shown.result;
      shown.resultExcerpt = `${Buffer.from(utf8Prefix(Buffer.from(text), RESPONSE_RESULT_BYTES)).toString("utf8")}…`;
    }
  }
  shown.logs = log.entries().map((entry) => `${entry.stream}: ${entry.line}`);
  return JSON.stringify(shown);
}

/** `value` with every secret value in its strings (keys included) replaced by `***`. */
function redactValue(value: JsonValue, redact: Redactor): JsonValue {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v, redact)]));
  return value;
}
