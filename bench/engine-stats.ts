// Small numeric and pacing helpers of the engine suite: exact percentiles of the durations read
// back from the store, and a bounded set of callers that start work as fast as it is accepted.

/** Nearest-rank percentiles of a list of durations (ms); NaN everywhere for an empty list. */
export interface Spread {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** The exact spread (nearest rank) of `values`. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { count: sorted.length, p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] ?? Number.NaN, mean: sorted.length > 0 ? sum / sorted.length : Number.NaN };
}

/**
 * Calls `start(i)` for i in 0…count-1 with `callers` calls in flight at once, each caller
 * taking the next index as soon as its previous call resolved; returns the results in order.
 */
export async function startAll<T>(count: number, callers: number, start: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const caller = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) results[i] = await start(i);
  };
  await Promise.all(Array.from({ length: Math.min(callers, count) }, caller));
  return results;
}
