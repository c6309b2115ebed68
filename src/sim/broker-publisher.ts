// What the broker forwarder asks of a broker: publish one event and say whether the broker
// has it, keeping one connection open between events and opening a new one after it broke.
// Also the connection details both brokers take, and the bounded wait every attempt uses, so
// a broker that stops answering cannot hold an attempt (or close()) forever.
import type { DeliveryAttempt } from "./forward-queue.js";

/** Where a publisher connects, with the credentials apart from the URL. */
export interface BrokerTarget {
  /** The broker's URL without credentials. */
  url: URL;
  username?: string;
  password?: string;
  /** A NATS token (NATS only). */
  token?: string;
  /** Subject (NATS) or topic (MQTT) prefix, already checked. */
  prefix: string;
  /** Longest wait for a connection. */
  connectTimeoutMs: number;
  /** Longest wait for the broker's acknowledgement of one event. */
  requestTimeoutMs: number;
}

/** One broker connection that publishes events. */
export interface EventPublisher {
  /** Publishes one event once; resolves to nothing once the broker acknowledged it. */
  publish: DeliveryAttempt;
  /** Closes the connection (and one still being opened). */
  close(): Promise<void>;
}

/** Raised when a bounded wait ends without an answer. */
export class BrokerWaitError extends Error {
  override readonly name = "BrokerWaitError";
  constructor(
    message: string,
    /** "timeout" or "aborted" (the forwarder is closing). */
    readonly reason: "timeout" | "aborted",
  ) {
    super(message);
  }
}

/** `promise`, unless `ms` pass or `signal` aborts first (then a BrokerWaitError saying `what`). */
export function bounded<T>(promise: Promise<T>, ms: number, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new BrokerWaitError(`${what}: the forwarder is closing`, "aborted"));
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new BrokerWaitError(`${what}: no answer within ${ms} ms`, "timeout"))), ms);
    const onAbort = () => finish(() => reject(new BrokerWaitError(`${what}: the forwarder is closing`, "aborted")));
    signal.addEventListener("abort", onAbort, { once: true });
    let settled = false;
    function finish(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      settle();
    }
    promise.then(
      (value) => finish(() => resolve(value)),
      (err: unknown) => finish(() => reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });
}

/** An error's message, for a forward error's text. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}
