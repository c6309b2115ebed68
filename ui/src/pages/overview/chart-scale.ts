// The arithmetic of the Overview's charts, kept apart from the drawing so it reads plainly:
// a "nice" top for the value axis, time ticks on round clock times, and short labels.

/** The value axis: a round top value and the step between its gridlines. */
export interface ValueScale {
  max: number;
  step: number;
}

/**
 * A round axis top at or above `max`, cut into about `ticks` steps (1, 2, 2.5 or 5 × 10^n);
 * `integer` keeps steps whole (counts never read "0.5").
 */
export function niceScale(max: number, ticks = 4, integer = false): ValueScale {
  if (!Number.isFinite(max) || max <= 0) return { max: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const step = integer ? Math.max(1, Math.ceil(nice)) : nice;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY];

/** Round local clock times between `fromMs` and `toMs`, at most `maxTicks` of them, and their step. */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number): { ticks: number[]; stepMs: number } {
  const span = Math.max(toMs - fromMs, 1);
  const stepMs = TIME_STEPS.find((s) => span / s <= Math.max(maxTicks, 1)) ?? (TIME_STEPS[TIME_STEPS.length - 1] as number);
  // Align to local time: offset by the zone so hours and days fall on the local clock.
  const offset = new Date(fromMs).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((fromMs - offset) / stepMs) * stepMs + offset;
  const ticks: number[] = [];
  for (let t = first; t <= toMs; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}

const two = (n: number): string => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "09:30" for steps under a day, "Nov 21" for whole days (local time). */
export function formatTick(ms: number, stepMs: number): string {
  const d = new Date(ms);
  if (stepMs >= DAY || (d.getHours() === 0 && d.getMinutes() === 0 && stepMs >= 6 * HOUR)) return `${MONTHS[d.getMonth()] ?? ""} ${d.getDate()}`;
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A bucket's span for the tooltip: "Nov 21 09:30–09:31". */
export function formatSpan(startMs: number, bucketMs: number): string {
  const a = new Date(startMs);
  const b = new Date(startMs + bucketMs);
  const day = `${MONTHS[a.getMonth()] ?? ""} ${a.getDate()}`;
  return `${day} ${two(a.getHours())}:${two(a.getMinutes())}–${two(b.getHours())}:${two(b.getMinutes())}`;
}

/** Counts for people: 950, 1,234, 12.3k, 4.5M; fractions below 10 keep one decimal. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const abs = Math.abs(n);
  if (abs >= 1_000_000) return `${(n / 1_000_000).toFixed(abs >= 10_000_000 ? 0 : 1)}M`;
  if (abs >= 10_000) return `${(n / 1000).toFixed(abs >= 100_000 ? 0 : 1)}k`;
  if (abs >= 10 || Number.isInteger(n)) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(1);
}

/** Short durations for an axis: "800 ms", "45 s", "12 min", "3.5 h". */
export function formatShortDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms === 0) return "0";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${+(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < HOUR) return `${+(ms / MINUTE).toFixed(ms < 10 * MINUTE ? 1 : 0)} min`;
  return `${+(ms / HOUR).toFixed(1)} h`;
}
