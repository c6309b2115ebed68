// The delivery discipline every forwarder shares (HTTP to Reflex, publish to a broker): the
// fleet's events are taken in emission order and handed, one at a time, to an attempt function. A
// failed attempt that may succeed later is retried with backoff (100 ms doubling to 5 s) and
// the events behind it wait, so order is kept; a failure that cannot succeed is reported and
// the event skipped. While the target is down at most `maxBacklog` events wait (the oldest
// waiting one makes room). close() stops taking events, cancels any backoff, and gives the
// attempt in flight a bounded time before aborting it.
import type { SimEmittedEvent, SimFleetApi } from "./types.js";

/** A running forwarder. */
export interface EventForwarder {
  /** Events taken but not yet delivered (or given up on). */
  readonly backlog: number;
  /** Stops forwarding; resolves once the attempt in flight ended (or was aborted). */
  close(): Promise<void>;
}

/** One failed delivery attempt. */
export class ForwardError extends Error {
  override readonly name = "ForwardError";
  constructor(
    message: string,
    readonly event: SimEmittedEvent,
    /** 1 for the first attempt. */
    readonly attempt: number,
    /** Whether the same event will be tried again. */
    readonly retrying: boolean,
    /** The receiver's HTTP status, when it answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why one attempt failed. */
export interface AttemptFailure {
  message: string;
  /** False when trying the same event again cannot help (it is skipped). */
  retrying: boolean;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  cause?: unknown;
}

/**
 * Delivers one event once: resolves to nothing on success, to the failure otherwise. It must
 * end soon after `signal` aborts (the forwarder is closing).
 */
export type DeliveryAttempt = (event: SimEmittedEvent, signal: AbortSignal) => Promise<AttemptFailure | undefined>;

/** How the queue runs. */
export interface ForwardQueueOptions {
  /** Told of every failed attempt. */
  onError?: (error: ForwardError) => void;
  /** How long close() waits for the attempt in flight before aborting it. */
  closeTimeoutMs: number;
  /** Most events kept waiting while the target is down. */
  maxBacklog: number;
  /** The target in messages, e.g. "the NATS server at nats://127.0.0.1:4222". */
  target: string;
  /** Runs once the queue has stopped (after the attempt in flight ended): releases connections. */
  release: () => Promise<void>;
}

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/** Forwards every event `fleet` emits from now on through `attempt`. */
export function startForwardQueue(fleet: SimFleetApi, attempt: DeliveryAttempt, options: ForwardQueueOptions): EventForwarder {
  const maxBacklog = Math.max(2, options.maxBacklog);
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

  /** Tries one event until it is delivered, refused for good, or the queue closes. */
  const deliver = async (event: SimEmittedEvent): Promise<void> => {
    let delay = FIRST_BACKOFF_MS;
    for (let n = 1; !closed; n++) {
      let failure: AttemptFailure | undefined;
      try {
        failure = await attempt(event, aborter.signal);
      } catch (err) {
        failure = { message: err instanceof Error ? err.message : String(err), retrying: true, cause: err };
      }
      if (failure === undefined) return;
      if (closed) return;
      report(new ForwardError(failure.message, event, n, failure.retrying, failure.status, failure.cause === undefined ? undefined : { cause: failure.cause }));
      if (!failure.retrying) return;
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
      // queue[0] is being delivered; the oldest one still waiting makes room.
      const [dropped] = queue.splice(1, 1);
      if (dropped !== undefined) report(new ForwardError(`backlog of ${maxBacklog} events is full while ${options.target} is unreachable; dropped the oldest waiting event`, dropped, 0, false));
    }
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  });

  let closing: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    closed = true;
    unsubscribe();
    wake?.();
    const inFlight = draining;
    if (inFlight !== undefined) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), options.closeTimeoutMs);
      });
      const outcome = await Promise.race([inFlight.then(() => "done" as const), timedOut]);
      clearTimeout(timer);
      if (outcome === "timeout") {
        aborter.abort();
        await inFlight;
      }
    }
    await options.release();
  };

  return {
    get backlog() {
      return queue.length;
    },
    close: () => (closing ??= stop()),
  };
}
