// `POST /api/v1/actions/:ref/run` and `reflex actions run`: one action run ad hoc, like
// StackStorm's `st2 run`, to try an action before a workflow uses it. The action runs on the
// API node that got the request, directly (not as a workflow execution): its input is checked
// against its schema, its declared secrets are resolved, it is stopped at its timeout (or the
// shorter one asked for), and the run is recorded in the audit log (`action.run`: who, the
// input, the outcome, the result and the log lines, every secret value replaced by `***`)
// before the answer is sent. A pack action's code still runs in a child process of its own.
import type { Kysely } from "kysely";
import { ActionError } from "../actions/action-error.js";
import { APPROVE_ACTION } from "../actions/core/approve.js";
import { TaskLog } from "../actions/task-log.js";
import type { LogEntry } from "../actions/task-log.js";
import { utf8Prefix } from "../actions/utf8-prefix.js";
import { formatMs } from "../config/kinds/duration-bounds.js";
import type { Clock } from "../core/clock.js";
import { NotFoundError, ReflexError, ValidationError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { redactor } from "../core/redact.js";
import type { Redactor } from "../core/redact.js";
import { NO_SECRETS } from "../core/secrets.js";
import type { SecretResolver } from "../core/secrets.js";
import type { ActionLookup } from "../functions/index.js";
import type { Database } from "../store/schema.js";

/** The longest an ad hoc run may take, whatever the action's own timeout (0 means none). */
export const MAX_AD_HOC_RUN_MS = 15 * 60_000;

/** Most bytes of a result's JSON kept in the audit entry (the answer has it whole). */
const RECORDED_RESULT_BYTES = 16 * 1024;

/** The audit entry's `action`. */
export const ACTION_RUN_AUDIT = "action.run";

/** How one ad hoc run ended. */
export interface ActionRunView {
  /** The run's id; the audit entry's target is the action, its detail carries this id. */
  id: string;
  ref: string;
  status: "succeeded" | "failed" | "timeout";
  result: JsonValue;
  /** Why it failed; null when it succeeded. */
  error: string | null;
  durationMs: number;
  logs: LogEntry[];
}

/** What ad hoc runs need. */
export interface ActionRunnerDeps {
  actions: ActionLookup;
  secrets?: SecretResolver;
  db: Kysely<Database>;
  clock: Clock;
}

/** Runs actions ad hoc and records each run. */
export class ActionRunner {
  constructor(private readonly deps: ActionRunnerDeps) {}

  /**
   * Runs `ref` once with `input` for `by`, bounded by the action's timeout (or `timeoutMs` when
   * shorter). Throws a NotFoundError for an unknown ref, a ValidationError for input its schema
   * refuses or an action that cannot run outside a workflow, and a SecretNotSetError for a
   * declared secret that is not set; otherwise resolves, whether the action succeeded or not.
   */
  async run(ref: string, input: JsonValue, by: string, timeoutMs?: number): Promise<ActionRunView> {
    const action = this.deps.actions.get(ref);
    if (action === undefined) throw new NotFoundError("action", ref, "`reflex actions list` shows the actions there are");
    if (ref === APPROVE_ACTION) throw new ValidationError(`${ref} waits for a person's answer inside a workflow execution; it cannot run ad hoc`, { pointer: "" }, "not_ad_hoc");
    this.deps.actions.validateInput(ref, input);
    const secrets = action.secrets === undefined || action.secrets.length === 0 ? {} : await (this.deps.secrets ?? NO_SECRETS).resolve(action.secrets);
    const redact = redactor(Object.values(secrets));
    const limit = Math.min(action.timeoutMs > 0 ? action.timeoutMs : MAX_AD_HOC_RUN_MS, timeoutMs ?? MAX_AD_HOC_RUN_MS);
    const id = newId(this.deps.clock.now());
    const log = new TaskLog({ secrets: Object.values(secrets), clock: this.deps.clock });
    const controller = new AbortController();
    const started = this.deps.clock.now();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    // An action that ignores its signal still does not hold the answer past its timeout.
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`the ad hoc run reached its timeout of ${formatMs(limit)}`));
        reject(new ActionError(`${ref} did not finish within ${formatMs(limit)} and was stopped`, { code: "timeout" }));
      }, limit);
    });
    let view: ActionRunView;
    try {
      const result = await Promise.race([action.run(input, { executionId: id, taskId: id, attempt: 1, secrets, log, signal: controller.signal }), deadline]);
      view = { id, ref, status: "succeeded", result: redactValue(result, redact), error: null, durationMs: this.deps.clock.now() - started, logs: log.entries() };
    } catch (err) {
      if (!(err instanceof Error)) throw err;
      const result = err instanceof ActionError && err.result !== undefined ? redactValue(err.result, redact) : null;
      const message = err instanceof ReflexError || timedOut ? err.message : `${ref} failed: ${err.message}`;
      view = { id, ref, status: timedOut ? "timeout" : "failed", result, error: redact(message), durationMs: this.deps.clock.now() - started, logs: log.entries() };
    } finally {
      clearTimeout(timer);
    }
    await this.record(view, redactValue(input, redact), by);
    return view;
  }

  private async record(view: ActionRunView, input: JsonValue, by: string): Promise<void> {
    const text = JSON.stringify(view.result);
    const detail: JsonObject = { runId: view.id, input, status: view.status, error: view.error, durationMs: view.durationMs, logs: view.logs.map((l) => `${l.stream}: ${l.line}`) };
    if (Buffer.byteLength(text) <= RECORDED_RESULT_BYTES) detail.result = view.result;
    else detail.resultExcerpt = `${Buffer.from(utf8Prefix(Buffer.from(text), RECORDED_RESULT_BYTES)).toString("utf8")}…`;
    await this.deps.db
      .insertInto("audit_log")
      .values({ id: view.id, created_ms: this.deps.clock.now(), actor: by, action: ACTION_RUN_AUDIT, target_kind: "action", target_id: view.ref, detail: JSON.stringify(detail) })
      .execute();
  }
}

/** `value` with every secret value in its strings (keys included) replaced by `***`. */
function redactValue(value: JsonValue, redact: Redactor): JsonValue {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v, redact)]));
  return value;
}
