// The list's time filter: a relative window (`since=`, kept as the duration it is so the
// request stays the same from one render to the next) or absolute `from`/`to` times, passed to
// the executions API's `from`/`to` (creation time), which answers them as a range of ids.

/** The relative windows offered in the filter (URL `since=`). */
export const SINCE_OPTIONS: readonly { value: string; label: string; ms: number }[] = [
  { value: "15m", label: "Last 15 min", ms: 15 * 60_000 },
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "6h", label: "Last 6 hours", ms: 6 * 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 3_600_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 3_600_000 },
];

/** A time window in epoch ms; either side may be open. `since`: the relative window it stands for. */
export interface TimeWindow {
  fromMs: number | undefined;
  toMs: number | undefined;
  since?: string;
}

/** Reads `since` (relative) or `from`/`to` (absolute: RFC 3339 or `YYYY-MM-DDTHH:mm` local) from the query. */
export function readTimeWindow(query: Readonly<Record<string, string>>, now: number): TimeWindow {
  const since = SINCE_OPTIONS.find((o) => o.value === query.since);
  if (since !== undefined) return { fromMs: now - since.ms, toMs: undefined, since: since.value };
  return { fromMs: parseTime(query.from), toMs: parseTime(query.to) };
}

function parseTime(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The API's `from`/`to` for the window (undefined: left out): the duration itself for `since`, epoch ms otherwise. */
export function apiTimeWindow(window: TimeWindow): { from: string | undefined; to: string | undefined } {
  return {
    from: window.since ?? (window.fromMs === undefined ? undefined : String(window.fromMs)),
    to: window.toMs === undefined ? undefined : String(window.toMs),
  };
}

/** `datetime-local` input text for an epoch ms, in local time (`YYYY-MM-DDTHH:mm`). */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return "";
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
