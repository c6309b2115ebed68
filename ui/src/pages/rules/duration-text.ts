// The API shows a rule's durations in milliseconds (`perMs: 1800000`); a person writes them as
// `30m`. This turns one into the other exactly, so a rule shown in the editor reads like the
// config file it came from and saves back to the same value.

const UNITS: readonly (readonly [string, number])[] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
  ["ms", 1],
];

/** `1800000` → `"30m"`, `5400000` → `"1h30m"`, `1500` → `"1s500ms"`, `0` → `"0s"`. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0 || !Number.isInteger(ms)) return String(ms);
  if (ms === 0) return "0s";
  let rest = ms;
  let text = "";
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
