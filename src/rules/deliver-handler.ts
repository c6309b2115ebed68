// `rules.deliver`: one attempt of one delivery per run of the job. The attempt is recorded
// (time, duration, outcome, HTTP status, the start of the response, the error) together with
// the delivery's new state, then the job's outcome follows it: success; a retryable failure
// (the queue waits the target's backoff and runs the job again); or a dead letter — after the
// target's last attempt, when the next retry would come after its `maxAge`, or when retrying
// cannot help. A job from before a re-drive finds the delivery moved on and does nothing.
import type { ChannelSender } from "../channels/index.js";
import type { Clock } from "../core/clock.js";
import { ReflexError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { isJsonObject } from "../core/json.js";
import type { JsonObject } from "../core/json.js";
import { retryDelay } from "../queue/backoff.js";
import type { JobHandler } from "../queue/job-handler.js";
import { PermanentJobError } from "../queue/permanent-job-error.js";
import type { Job } from "../queue/types.js";
import { getDelivery, insertAttempt, updateDelivery } from "../store/delivery-repository.js";
import type { DeliveryRow } from "../store/delivery-repository.js";
import type { Store } from "../store/open-store.js";
import { parseDeliveryRequest } from "./delivery-request.js";
import { formatDuration } from "./format-duration.js";
import type { RuleObserver } from "./rule-observer.js";
import { runTarget } from "./run-target.js";
import type { AttemptResult, FunctionCaller } from "./run-target.js";
import type { SecretResolver } from "../core/secrets.js";

/** What the deliver handler needs. */
export interface DeliverDeps {
  store: Store;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  /** Told when an attempt queued a job for this process's worker (a workflow start). */
  queued(): void;
  observer: RuleObserver;
  /** Sends notify deliveries' messages. */
  notifier: ChannelSender;
  /** Runs `function` targets' Functions. */
  functions?: FunctionCaller;
  /** Fills targets' `{{ secrets.NAME }}` references. */
  secrets?: SecretResolver | undefined;
}

/** A failed attempt that will be tried again. */
export class DeliveryAttemptError extends ReflexError {
  constructor(message: string) {
    super("delivery_attempt_failed", message);
  }
}

/** The `rules.deliver` handler. */
export function deliverHandler(deps: DeliverDeps): JobHandler {
  return async (job, { signal }): Promise<JsonObject> => {
    const deliveryId = isJsonObject(job.payload) && typeof job.payload.deliveryId === "string" ? job.payload.deliveryId : "";
    const delivery = await getDelivery(deps.store.db, deliveryId);
    if (!delivery) throw new PermanentJobError(`delivery '${deliveryId}' does not exist (any more); nothing to deliver`);
    if (delivery.status !== "pending" || delivery.job_id !== job.id) return { skipped: `the delivery is ${delivery.status}${delivery.job_id === job.id ? "" : " and driven by another job"}` };
    if (delivery.request === null) throw new PermanentJobError(`delivery '${deliveryId}' has no rendered request`);

    const started = deps.clock.now();
    const age = started - Number(delivery.cycle_started_ms);
    if (age > Number(delivery.max_age_ms)) {
      const error = `gave up before attempting: the delivery is ${formatDuration(age)} old, past its target's retry.maxAge of ${formatDuration(Number(delivery.max_age_ms))}`;
      await updateDelivery(deps.store.db, delivery.id, { status: "dead", last_error: error, updated_ms: started, finished_ms: started }, "pending");
      deps.observer.attempted(delivery.type, "dead");
      throw new PermanentJobError(error);
    }

    const clockStart = performance.now();
    const result = await runTarget(parseDeliveryRequest(delivery.request), { store: deps.store, clock: deps.clock, env: deps.env, deliveryId: delivery.id, signal, queued: deps.queued, notifier: deps.notifier, functions: deps.functions, secrets: deps.secrets });
    const durationMs = Math.round(performance.now() - clockStart);
    const verdict = judge(delivery, job, result, deps.clock.now());
    const finished = deps.clock.now();
    await deps.store.db.transaction().execute(async (trx) => {
      await insertAttempt(trx, {
        id: newId(started),
        delivery_id: delivery.id,
        attempt: Number(delivery.attempts) + 1,
        started_ms: started,
        duration_ms: durationMs,
        outcome: result.ok ? "delivered" : "failed",
        http_status: result.httpStatus,
        response: result.response,
        error: result.error,
      });
      await updateDelivery(
        trx,
        delivery.id,
        {
          status: verdict.status,
          attempts: Number(delivery.attempts) + 1,
          http_status: result.httpStatus,
          last_error: verdict.error,
          updated_ms: finished,
          finished_ms: verdict.status === "pending" ? null : finished,
        },
        "pending",
      );
    });
    deps.observer.attempted(delivery.type, verdict.status === "pending" ? "retrying" : verdict.status);
    if (verdict.status === "delivered") return { status: "delivered", httpStatus: result.httpStatus };
    if (verdict.status === "dead") throw new PermanentJobError(verdict.error ?? "the delivery failed");
    throw new DeliveryAttemptError(verdict.error ?? "the attempt failed");
  };
}

/** The delivery's state after this attempt, and the error to record. */
function judge(delivery: DeliveryRow, job: Job, result: AttemptResult, now: number): { status: "delivered" | "pending" | "dead"; error: string | null } {
  if (result.ok) return { status: "delivered", error: null };
  const error = result.error ?? "the attempt failed";
  if (result.permanent) return { status: "dead", error };
  if (job.attempts >= job.maxAttempts) return { status: "dead", error: `${error} (attempt ${job.attempts} of ${job.maxAttempts}: no attempts left)` };
  const next = now + retryDelay(job.attempts, Number(delivery.backoff_ms), Number(delivery.max_backoff_ms));
  const maxAge = Number(delivery.max_age_ms);
  if (next - Number(delivery.cycle_started_ms) > maxAge) {
    return { status: "dead", error: `${error} (the next attempt would come after the target's retry.maxAge of ${formatDuration(maxAge)})` };
  }
  return { status: "pending", error };
}
