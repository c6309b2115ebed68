// Durations as a drill report shows them: short and exact enough to compare heal times
// (`850ms`, `12.4s`, `2m05s`, `1h02m`).

/** `ms` as a person reads it. */
export function formatMs(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  if (value < 1000) return `${value}ms`;
  if (value < 60_000) return `${Number((value / 1000).toFixed(1))}s`;
  const seconds = Math.round(value / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
