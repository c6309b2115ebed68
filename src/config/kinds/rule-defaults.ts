// What a rule and its targets get when their document does not say, and the bounds on what it
// may say. One place, so the schema, the checks, the built specs and docs/config.md agree.
import type { RetrySpec } from "../types.js";

/** Retry policy of a target without `retry:` (and for each field `retry:` leaves out). */
export const DEFAULT_RETRY: Readonly<RetrySpec> = Object.freeze({
  attempts: 5,
  backoffMs: 1000,
  maxBackoffMs: 5 * 60_000,
  maxAgeMs: 24 * 3_600_000,
});

/** Time an `http` target's request may take when `timeout:` is not given. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Longest `timeout:` an `http` target may set. */
export const MAX_TIMEOUT_MS = 5 * 60_000;

/** Statuses that count as delivered when `expectStatus:` is not given. */
export const DEFAULT_EXPECT_STATUS: readonly [number, number] = Object.freeze([200, 299] as const);

/** Header carrying an `http` target's signature when `sign.header` is not given. */
export const DEFAULT_SIGNATURE_HEADER = "X-Reflex-Signature";

/** Most targets one rule may have. */
export const MAX_TARGETS = 16;

/** Events a group holds when `group.max` is not given. */
export const DEFAULT_GROUP_MAX = 100;

/** Largest `group.max`. */
export const MAX_GROUP_SIZE = 1000;

/** The name of the target at `index` (0-based) when its document gives none: `t1`, `t2`, … */
export function defaultTargetName(index: number): string {
  return `t${index + 1}`;
}
