// How long a consumer waits before connecting again: exponential in the failures in a row,
// capped, with jitter, so a broker coming back is not hit by every node at the same moment
// and a broker that stays down is not hammered. The wait can be cut short (a stop).

/** Bounds of the reconnect delay. */
export interface BackoffBounds {
  /** The wait after the first failure (before jitter). */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
}

/** Half a second, doubling up to half a minute. */
export const DEFAULT_BACKOFF: Readonly<BackoffBounds> = Object.freeze({ baseMs: 500, maxMs: 30_000 });

/**
 * The wait after `failures` failures in a row (1 or more): `min(max, base·2^(failures-1))`,
 * of which a random half is taken away ("equal jitter"). `random` returns a number in [0, 1).
 */
export function reconnectDelay(failures: number, bounds: BackoffBounds = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(bounds.maxMs, bounds.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
