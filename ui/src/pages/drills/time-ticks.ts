// Round tick marks for a time axis: from a span in milliseconds and the room available, the
// step (1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, …) that gives about one tick per 90 px.
const STEPS_MS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000];

/** Tick offsets (ms from the origin) covering `[0, spanMs]`. */
export function timeTicks(spanMs: number, widthPx: number, pxPerTick = 90): number[] {
  const want = Math.max(1, Math.floor(widthPx / pxPerTick));
  const step = STEPS_MS.find((s) => spanMs / s <= want) ?? Math.ceil(spanMs / want / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs + 1e-6; t += step) ticks.push(t);
  return ticks;
}
