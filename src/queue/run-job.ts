// Runs one claimed job to its recorded outcome: keeps the lease alive with heartbeats while
// the handler runs, aborts the handler's signal when the lease is lost, and writes success or
// failure (retry, dead-letter) as the lease holder. Never rejects: a write that fails leaves
// the job to be reclaimed after its lease, which is how a crash is survived too.
import type { Clock } from "../core/clock.js";
import type { JsonValue } from "../core/json.js";
import { ReflexError } from "../core/errors.js";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { completeJob } from "./complete.js";
import { failJob } from "./fail.js";
import { heartbeatJob } from "./heartbeat.js";
import type { JobHandler, JobLogger } from "./job-handler.js";
import { PermanentJobError } from "./permanent-job-error.js";
import type { Job } from "./types.js";

/** What `runJob` needs from its worker. */
export interface RunContext {
  db: Kysely<Database>;
  clock: Clock;
  workerId: string;
  leaseMs: number;
  heartbeatMs: number;
  handlers: Readonly<Record<string, JobHandler>>;
  logger: JobLogger;
}

type Outcome = { ok: true; result: JsonValue | undefined } | { ok: false; error: string; retryable: boolean };

/** Longest error text kept in `last_error`. */
const MAX_ERROR_CHARS = 8_000;

/** Runs `job` and records how it ended. */
export async function runJob(ctx: RunContext, job: Job): Promise<void> {
  const log = { jobId: job.id, kind: job.kind, queue: job.queue, attempt: job.attempts, workerId: ctx.workerId };
  const lease = new AbortController();
  let finished = false;
  const beat = setInterval(() => {
    heartbeatJob(ctx.db, ctx.clock, { jobId: job.id, workerId: ctx.workerId, leaseMs: ctx.leaseMs }).then(
      (held) => {
        if (held || finished || lease.signal.aborted) return;
        ctx.logger.warn(log, "lost the lease of a running job (reclaimed elsewhere or cancelled); aborting its handler");
        lease.abort(new ReflexError("lease_lost", `worker ${ctx.workerId} lost the lease of job ${job.id}`));
      },
      (err: unknown) => ctx.logger.warn({ ...log, err }, "heartbeat failed; the lease is renewed at the next beat if the database recovers"),
    );
  }, ctx.heartbeatMs);
  try {
    const outcome = await runHandler(ctx, job, lease.signal);
    finished = true;
    await record(ctx, job, outcome, log);
  } catch (err) {
    ctx.logger.error({ ...log, err }, "could not record the outcome of a job; it runs again once its lease expires");
  } finally {
    clearInterval(beat);
  }
}

async function runHandler(ctx: RunContext, job: Job, signal: AbortSignal): Promise<Outcome> {
  const handler = Object.hasOwn(ctx.handlers, job.kind) ? ctx.handlers[job.kind] : undefined;
  if (!handler) {
    const known = Object.keys(ctx.handlers).sort().join(", ") || "none";
    return { ok: false, retryable: false, error: `no handler for job kind '${job.kind}' on queue '${job.queue}' (worker ${ctx.workerId} knows: ${known})` };
  }
  try {
    const result = (await handler(job, { signal, workerId: ctx.workerId })) ?? undefined;
    const unstorable = result === undefined ? undefined : notJson(result);
    if (unstorable !== undefined) return { ok: false, retryable: false, error: `the handler returned a value that cannot be stored as JSON: ${unstorable}` };
    return { ok: true, result };
  } catch (err) {
    return { ok: false, retryable: !(err instanceof PermanentJobError), error: describe(err) };
  }
}

async function record(ctx: RunContext, job: Job, outcome: Outcome, log: object): Promise<void> {
  const holder = { jobId: job.id, workerId: ctx.workerId };
  if (outcome.ok) {
    const done = await completeJob(ctx.db, ctx.clock, { ...holder, result: outcome.result });
    if (!done) ctx.logger.warn(log, "job finished after its lease was lost; its result was not recorded");
    return;
  }
  const state = await failJob(ctx.db, ctx.clock, { ...holder, error: outcome.error, retryable: outcome.retryable });
  if (state === "retrying") ctx.logger.warn({ ...log, error: outcome.error }, "job failed; it will be retried");
  else if (state === "dead") ctx.logger.error({ ...log, error: outcome.error }, "job failed and was dead-lettered");
  else ctx.logger.warn({ ...log, error: outcome.error }, "job failed after its lease was lost; the failure was not recorded");
}

/** Why `value` cannot be serialised (BigInt, a cycle), or undefined when it can. */
function notJson(value: JsonValue): string | undefined {
  try {
    JSON.stringify(value);
    return undefined;
  } catch (err) {
    return describe(err);
  }
}

function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}
