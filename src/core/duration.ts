// Human durations as written in config and on the command line: `500ms`, `10s`, `10m`, `2h`,
// `7d`, or a combination such as `1h30m`. A bare number means milliseconds.
import { ValidationError } from "./errors.js";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

/** Parses a duration into milliseconds, or throws a ValidationError naming the input. */
export function parseDuration(input: string | number, where = "duration"): number {
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 0) throw new ValidationError(`${where}: ${input} is not a non-negative number of milliseconds`);
    return input;
  }
  const text = input.trim();
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? "ms"] ?? 1);
    consumed = PART.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new ValidationError(`${where}: '${input}' is not a duration; write e.g. 500ms, 30s, 10m, 2h, 7d or 1h30m`);
  }
  return total;
}

/** The JSON Schema format name for a duration string (`30s`, `10m`, `1h30m`), as config and action schemas use it. */
export const DURATION_FORMAT = "reflex-duration";

/** True when `text` reads as a duration (the check behind DURATION_FORMAT). */
export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}
