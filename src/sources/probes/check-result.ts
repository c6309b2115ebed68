// What one check of a probe tells: the target answered as expected, it did not, or this node
// cannot make the check at all (no `ping`, no raw sockets, a secret not set). The last is not
// the target's fault, so it never moves a probe up or down; it is recorded as the probe's last
// result with the reason, for an operator to fix.
import type { ProbeSpec } from "../../config/probe-types.js";
import type { SecretResolver } from "../../core/secrets.js";

/** The outcome of one check. `detail` says what was seen, in words; never a secret. */
export type CheckResult =
  | { outcome: "success"; latencyMs: number; detail: string }
  | { outcome: "failure"; latencyMs: number; detail: string }
  | { outcome: "unavailable"; detail: string };

/** What a check gets each time it runs. */
export interface CheckContext {
  /** Aborted when the prober stops; the check then ends at once (its result is dropped). */
  signal: AbortSignal;
  secrets: SecretResolver;
}

/** A check prepared once per spec (templates and patterns compiled), run many times. */
export type PreparedCheck = (context: CheckContext) => Promise<CheckResult>;

/** Makes the check of one kind of probe. */
export type CheckFactory<Spec extends ProbeSpec> = (spec: Spec) => PreparedCheck;

/** Milliseconds since `startedAt` (a `performance.now()` reading), to 0.1 ms. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}
