// Delivers the simulated clouds' events to a Reflex the way the clouds' event buses would:
// each event POSTed, in emission order, to `${url}/api/v1/ingest/${format}`. While Reflex is
// unreachable or answers 5xx/408/429 the same event is retried with backoff (100 ms doubling
// to 5 s) and the ones behind it wait, so order is kept; another 4xx means Reflex refuses that
// event for good, so it is reported and skipped. close() stops taking events, cancels any
// backoff, and gives the post in flight a bounded time to finish before aborting it.
import { ForwardError, startForwardQueue } from "./forward-queue.js";
import type { AttemptFailure, EventForwarder } from "./forward-queue.js";
import type { SimEmittedEvent, SimFleetApi } from "./types.js";

export { ForwardError };
export type { EventForwarder };

/** Where and how to forward. */
export interface ForwardOptions {
  /** Reflex's base URL, e.g. `http://127.0.0.1:7420`. */
  url: string;
  /** Bearer token for the ingest endpoints. */
  token?: string;
  /** Told of every failed attempt (ForwardError says whether it will be retried). */
  onError?: (error: ForwardError) => void;
  /** How long close() waits for the post in flight (default 2,000 ms). */
  closeTimeoutMs?: number;
  /** Timeout of one POST (default 10,000 ms). */
  requestTimeoutMs?: number;
  /** Most events kept waiting while Reflex is unreachable; the oldest waiting one is dropped beyond (default 10,000). */
  maxBacklog?: number;
}

/** Forwards every event `fleet` emits from now on. */
export function forwardEvents(fleet: SimFleetApi, options: ForwardOptions): EventForwarder {
  const base = options.url.replace(/\/+$/, "");
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const post = async (event: SimEmittedEvent, signal: AbortSignal): Promise<AttemptFailure | undefined> => {
    const target = `${base}/api/v1/ingest/${event.format}`;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    try {
      const response = await fetch(target, { method: "POST", headers, body: JSON.stringify(event.body), signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]) });
      const text = await response.text();
      if (response.ok) return undefined;
      const retrying = response.status >= 500 || response.status === 408 || response.status === 429;
      return { message: `POST ${target} answered ${response.status}: ${text.slice(0, 300)}`, retrying, status: response.status };
    } catch (err) {
      return { message: `POST ${target} failed: ${err instanceof Error ? err.message : String(err)}`, retrying: true, cause: err };
    }
  };
  return startForwardQueue(fleet, post, {
    ...(options.onError ? { onError: options.onError } : {}),
    closeTimeoutMs: options.closeTimeoutMs ?? 2_000,
    maxBacklog: options.maxBacklog ?? 10_000,
    target: "Reflex",
    release: async () => undefined,
  });
}
