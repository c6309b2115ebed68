// How the benchmark reports write counts and rates: whole numbers with thousands separators,
// the same in every section of RESULTS.md.

/** `12345.6` → `"12,346"`; a missing measurement (NaN, ±Infinity) → `"–"`. */
export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–";
}
