// One attempt at a delivery's request, by target type: `http` sends the rendered request
// (signed when the target says so) and checks the status against the expected range; `notify`
// sends the message through the channel's sender (which records it, with the vendor's answer,
// in `notifications`); `workflow` enqueues a `workflow.start` job for the workflow
// engine, keyed by the delivery so it is enqueued once however often it is attempted;
// `function` runs the Function through the caller the composition root gives; `queue`
// publishes the message to its broker and succeeds once the broker confirms it.
import type { ChannelSender } from "../channels/index.js";
import type { Clock } from "../core/clock.js";
import { enqueue } from "../queue/enqueue.js";
import type { Store } from "../store/open-store.js";
import { BrokerPublishError, publishToBroker } from "../sources/index.js";
import type { DeliveryRequest, FunctionRequestSpec, HttpRequestSpec, NotifyRequestSpec, QueueRequestSpec } from "./delivery-request.js";
import { sendHttp } from "./http-send.js";
import { WORKFLOWS_QUEUE, WORKFLOW_START_JOB } from "./job-kinds.js";
import { SecretUnavailableError, resolveSecret, signature } from "./secrets.js";
import type { JsonValue } from "../core/json.js";
import type { SecretResolver } from "../core/secrets.js";
import { fillSecretTokens, isSecretError } from "./secret-references.js";
import type { Filled } from "./secret-references.js";

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
  /** Sends notify deliveries' messages. */
  notifier: ChannelSender;
  /** Runs `function` targets' Functions; without it they fail for good. */
  functions?: FunctionCaller;
  /** Fills `{{ secrets.NAME }}` references of http targets at each attempt; without it they fail for good. */
  secrets?: SecretResolver;
}

/**
 * Runs a `function` target's Function once (`functions/` implements it; the composition root
 * passes it in). Resolves to how the attempt went, its result and logs bounded in `response`;
 * never throws for the Function's faults.
 */
export interface FunctionCaller {
  call(request: FunctionRequestSpec, attempt: { deliveryId: string; signal: AbortSignal }): Promise<AttemptResult>;
}

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
      case "queue":
        return await runQueue(request, ctx);
      case "function":
        if (ctx.functions === undefined) return { ok: false, permanent: true, httpStatus: null, response: null, error: `function targets are not available on this node, so Function '${request.function}' cannot run` };
        return await ctx.functions.call(request, { deliveryId: ctx.deliveryId, signal: ctx.signal });
    }
  } catch (err) {
    if (err instanceof SecretUnavailableError) return { ok: false, permanent: true, httpStatus: null, response: null, error: err.message };
    throw err;
  }
}

async function runHttp(request: HttpRequestSpec, ctx: AttemptContext): Promise<AttemptResult> {
  let filled: Filled<{ url: string; headers: Record<string, string>; body: JsonValue }>;
  try {
    filled = await fillSecretTokens({ url: request.url, headers: request.headers, body: request.body ?? null }, ctx.secrets);
  } catch (err) {
    if (isSecretError(err)) return { ok: false, permanent: true, httpStatus: null, response: null, error: err.message };
    throw err;
  }
  const { url } = filled.value;
  const body = request.body === undefined ? undefined : JSON.stringify(filled.value.body);
  const headers = { ...filled.value.headers };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  if (request.sign && body !== undefined) headers[request.sign.header] = signature(resolveSecret(request.sign.secret, ctx.env, "the target's sign.secret"), body);
  const answer = await sendHttp({ method: request.method, url, headers, body }, request.timeoutMs, ctx.signal);
  const hide = filled.redact;
  if (answer.status === null) return { ok: false, permanent: false, httpStatus: null, response: null, error: hide(answer.error) };
  const [min, max] = request.expectStatus;
  const ok = answer.status >= min && answer.status <= max;
  return {
    ok,
    permanent: false,
    httpStatus: answer.status,
    response: answer.excerpt === null ? null : hide(answer.excerpt),
    error: ok ? null : `${request.url} answered ${answer.status}; the target expects ${min === max ? min : `${min}–${max}`}`,
  };
}

async function runNotify(request: NotifyRequestSpec, ctx: AttemptContext): Promise<AttemptResult> {
  const outcome = await ctx.notifier.send({
    channel: request.channelSpec,
    subject: request.subject,
    overrides: request.message === undefined ? {} : { text: request.message },
    origin: `delivery ${ctx.deliveryId}`,
    signal: ctx.signal,
    // The delivery's job was scheduled at its slot of the channel's rate limit.
    rateSlot: "reserved",
  });
  return { ok: outcome.status === "sent", permanent: outcome.permanent, httpStatus: outcome.httpStatus, response: outcome.response, error: outcome.error };
}

/** Publishes a `queue` delivery's message; the delivery id is its message id on every attempt. */
async function runQueue(request: QueueRequestSpec, ctx: AttemptContext): Promise<AttemptResult> {
  try {
    const response = await publishToBroker({ connection: request.connection, destination: request.destination, body: request.body, messageId: ctx.deliveryId, timeoutMs: request.timeoutMs }, ctx);
    return { ok: true, permanent: false, httpStatus: null, response, error: null };
  } catch (err) {
    if (err instanceof BrokerPublishError) return { ok: false, permanent: err.permanent, httpStatus: null, response: null, error: err.message };
    throw err;
  }
}
