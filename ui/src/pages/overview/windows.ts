// The time windows the Overview offers and the bucket size each is charted with: about 60–170
// bars, so a bar stays wide enough to hover on a laptop screen.

/** One choice of the window picker. */
export interface OverviewWindow {
  /** The value in the URL and in the API's `window` parameter. */
  value: string;
  label: string;
  /** The API's `bucket` parameter. */
  bucket: string;
  /** Said in sentences: "in the last hour". */
  phrase: string;
}

/** Every window, shortest first. */
export const WINDOWS: readonly OverviewWindow[] = [
  { value: "1h", label: "1 h", bucket: "1m", phrase: "in the last hour" },
  { value: "6h", label: "6 h", bucket: "5m", phrase: "in the last 6 hours" },
  { value: "24h", label: "24 h", bucket: "15m", phrase: "in the last 24 hours" },
  { value: "7d", label: "7 d", bucket: "1h", phrase: "in the last 7 days" },
];

/** The window for a URL value (the first one when unknown). */
export function windowOf(value: string | undefined): OverviewWindow {
  return WINDOWS.find((w) => w.value === value) ?? (WINDOWS[0] as OverviewWindow);
}
