// One attempt at a delivery's request, by target type: `http` sends the rendered request
// (signed when the target says so) and checks the status against the expected range; `notify`
// posts `{rule, event, message}` as JSON to the channel's webhook (signed with the channel's
// key in `X-Reflex-Signature`); `workflow` enqueues a `workflow.start` job for the workflow
// engine, keyed by the delivery so it is enqueued once however often it is attempted.
import type { Clock } from "../core/clock.js";
import { enqueue } from "../queue/enqueue.js";
import type { Store } from "../store/open-store.js";
import type { DeliveryRequest, HttpRequestSpec, NotifyRequestSpec } from "./delivery-request.js";
import { sendHttp } from "./http-send.js";
import { WORKFLOWS_QUEUE, WORKFLOW_START_JOB } from "./job-kinds.js";
import { SecretUnavailableError, resolveSecret, signature } from "./secrets.js";

/** How one attempt went. `permanent`: trying again cannot help (e.g. a missing secret). */
export interface AttemptResult {
  ok: boolean;
  permanent: boolean;
  httpStatus: number | null;
  response: string | null;
  error: string | null;
}

/** What an attempt may use. */
export interface AttemptContext {
  store: Store;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  deliveryId: string;
  signal: AbortSignal;
  /** Told after a job was queued (wakes the local worker). */
  queued(): void;
}

/** Time a notify channel's webhook may take. */
const NOTIFY_TIMEOUT_MS = 10_000;

/** Makes one attempt; never throws for the target's faults. */
export async function runTarget(request: DeliveryRequest, ctx: AttemptContext): Promise<AttemptResult> {
  try {
    switch (request.type) {
      case "http":
        return await runHttp(request, ctx);
      case "notify":
        return await runNotify(request, ctx);
      case "workflow": {
        const payload = { workflow: request.workflow, input: request.input, event: request.event, deliveryId: ctx.deliveryId };
        const job = await enqueue(ctx.store.db, ctx.clock, { kind: WORKFLOW_START_JOB, queue: WORKFLOWS_QUEUE, payload, idempotencyKey: ctx.deliveryId });
        ctx.queued();
        return { ok: true, permanent: false, httpStatus: null, response: `workflow.start job ${job.id}`, error: null };
      }
    }
  } catch (err) {
    if (err instanceof SecretUnavailableError) return { ok: false, permanent: true, httpStatus: null, response: null, error: err.message };
    throw err;
  }
}

async function runHttp(request: HttpRequestSpec, ctx: AttemptContext): Promise<AttemptResult> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers = { ...request.headers };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  if (request.sign && body !== undefined) headers[request.sign.header] = signature(resolveSecret(request.sign.secret, ctx.env, "the target's sign.secret"), body);
  const answer = await sendHttp({ method: request.method, url: request.url, headers, body }, request.timeoutMs, ctx.signal);
  if (answer.status === null) return { ok: false, permanent: false, httpStatus: null, response: null, error: answer.error };
  const [min, max] = request.expectStatus;
  const ok = answer.status >= min && answer.status <= max;
  return {
    ok,
    permanent: false,
    httpStatus: answer.status,
    response: answer.excerpt,
    error: ok ? null : `${request.url} answered ${answer.status}; the target expects ${min === max ? min : `${min}–${max}`}`,
  };
}

async function runNotify(request: NotifyRequestSpec, ctx: AttemptContext): Promise<AttemptResult> {
  const body = JSON.stringify(request.payload);
  const headers: Record<string, string> = { ...request.headers, "content-type": "application/json" };
  if (request.hmacSecret !== undefined) headers["X-Reflex-Signature"] = signature(resolveSecret(request.hmacSecret, ctx.env, `channel '${request.channel}' hmacSecret`), body);
  const answer = await sendHttp({ method: "POST", url: request.url, headers, body }, NOTIFY_TIMEOUT_MS, ctx.signal);
  if (answer.status === null) return { ok: false, permanent: false, httpStatus: null, response: null, error: answer.error };
  const ok = answer.status >= 200 && answer.status <= 299;
  return {
    ok,
    permanent: false,
    httpStatus: answer.status,
    response: answer.excerpt,
    error: ok ? null : `channel '${request.channel}' (${request.url}) answered ${answer.status}; a webhook channel expects 2xx`,
  };
}
