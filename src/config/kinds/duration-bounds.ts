// Bounds on durations written in config. The schema accepts any duration (`Duration` in
// `common.ts`); whether zero makes sense, or how long is too long, depends on the field, so the
// kinds state the bounds per field and this says what to write instead.
import { parseDuration } from "../../core/duration.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";

/** Bounds of one duration field, in milliseconds. */
export interface DurationBounds {
  /** Text naming the field in messages, e.g. `'timeout'`. */
  label: string;
  /** The duration must be longer than this. */
  above?: number;
  /** The duration may be at most this. */
  max?: number;
}

/** A problem when `written` (at `pointer`) is outside `bounds`; none when it is absent. */
export function durationBoundsProblems(
  written: string | number | undefined,
  pointer: string,
  bounds: DurationBounds,
  at: ProblemLocator,
): ConfigProblem[] {
  if (written === undefined) return [];
  const ms = parseDuration(written);
  if (bounds.above !== undefined && ms <= bounds.above) {
    return [at.problem(pointer, `${bounds.label} must be longer than ${formatMs(bounds.above)} (got ${String(written)})`)];
  }
  if (bounds.max !== undefined && ms > bounds.max) {
    return [at.problem(pointer, `${bounds.label} must be at most ${formatMs(bounds.max)} (got ${String(written)})`)];
  }
  return [];
}

/** `5m`, `24h`, `0s`: a bound as a person would write it. */
export function formatMs(ms: number): string {
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return ms === 0 ? "0s" : `${ms}ms`;
}
