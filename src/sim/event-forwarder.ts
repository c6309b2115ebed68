// Delivers the simulated clouds' events to a Reflex the way the clouds' event buses would:
// each event POSTed, in emission order, to `${url}/api/v1/ingest/${format}`. While Reflex is
// unreachable or answers 5xx/408/429 the same event is retried with backoff (100 ms doubling
// to 5 s) and the ones behind it wait, so order is kept; another 4xx means Reflex refuses that
// event for good, so it is reported and skipped. close() stops taking events, cancels any
// backoff, and gives the post in flight a bounded time to finish before aborting it.
import type { SimEmittedEvent, SimFleetApi } from "./types.js";

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

/** A running forwarder. */
export interface EventForwarder {
  /** Events taken but not yet delivered (or given up on). */
  readonly backlog: number;
  /** Stops forwarding; resolves once the post in flight ended (or was aborted). */
  close(): Promise<void>;
}

/** One failed delivery attempt (attempt 0: dropped from a full backlog without being tried). */
export class ForwardError extends Error {
  override readonly name = "ForwardError";
  constructor(
    message: string,
    readonly event: SimEmittedEvent,
    /** 1 for the first attempt. */
    readonly attempt: number,
    /** Whether the same event will be tried again. */
    readonly retrying: boolean,
    /** Reflex's HTTP status, when it answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/** Forwards every event `fleet` emits from now on. */
export function forwardEvents(fleet: SimFleetApi, options: ForwardOptions): EventForwarder {
  const base = options.url.replace(/\/+$/, "");
  const closeTimeoutMs = options.closeTimeoutMs ?? 2_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxBacklog = Math.max(2, options.maxBacklog ?? 10_000);
  const queue: SimEmittedEvent[] = [];
  const aborter = new AbortController();
  let closed = false;
  let draining: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const report = (error: ForwardError): void => {
    try {
      options.onError?.(error);
    } catch {
      // The caller's reporting failed; forwarding goes on.
    }
  };

  const backoff = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  /** Posts one event until it is accepted, refused for good, or the forwarder closes. */
  const deliver = async (event: SimEmittedEvent): Promise<void> => {
    const target = `${base}/api/v1/ingest/${event.format}`;
    let delay = FIRST_BACKOFF_MS;
    for (let attempt = 1; !closed; attempt++) {
      try {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
        const response = await fetch(target, {
          method: "POST",
          headers,
          body: JSON.stringify(event.body),
          signal: AbortSignal.any([aborter.signal, AbortSignal.timeout(requestTimeoutMs)]),
        });
        const text = await response.text();
        if (response.ok) return;
        const retrying = response.status >= 500 || response.status === 408 || response.status === 429;
        report(new ForwardError(`POST ${target} answered ${response.status}: ${text.slice(0, 300)}`, event, attempt, retrying && !closed, response.status));
        if (!retrying) return;
      } catch (err) {
        if (closed) return;
        report(new ForwardError(`POST ${target} failed: ${err instanceof Error ? err.message : String(err)}`, event, attempt, true, undefined, { cause: err }));
      }
      await backoff(delay);
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
  };

  const drain = async (): Promise<void> => {
    while (!closed && queue.length > 0) {
      const event = queue[0];
      if (event === undefined) break;
      await deliver(event);
      queue.shift();
    }
  };

  const unsubscribe = fleet.onEvent((event) => {
    if (closed) return;
    queue.push(event);
    if (queue.length > maxBacklog) {
      // queue[0] is being posted; the oldest one still waiting makes room.
      const [dropped] = queue.splice(1, 1);
      if (dropped !== undefined) report(new ForwardError(`backlog of ${maxBacklog} events is full while Reflex is unreachable; dropped the oldest waiting event`, dropped, 0, false));
    }
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  });

  return {
    get backlog() {
      return queue.length;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      wake?.();
      const inFlight = draining;
      if (inFlight === undefined) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), closeTimeoutMs);
      });
      const outcome = await Promise.race([inFlight.then(() => "done" as const), timedOut]);
      clearTimeout(timer);
      if (outcome === "timeout") {
        aborter.abort();
        await inFlight;
      }
    },
  };
}
