// The retry delay: exponential in the attempts made, capped. Retry time is data (run_at), so a
// waiting retry survives any restart.

/** `min(maxMs, baseMs * 2^(attempts-1))` for the attempt that just failed (attempts >= 1). */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
