// The list's time filter. The executions API filters by workflow and status only, but its ids
// are UUIDv7 (src/core/ids.ts: a 48-bit millisecond timestamp first) and its cursor means "ids
// below this one". So the upper bound becomes a cursor — the smallest id of the millisecond
// after `to` — and the lower bound is applied to each page: newest first, the first row older
// than `from` ends the list. Nothing is loaded beyond one page either way.

/** The relative windows offered in the filter (URL `since=`). */
export const SINCE_OPTIONS: readonly { value: string; label: string; ms: number }[] = [
  { value: "15m", label: "Last 15 min", ms: 15 * 60_000 },
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "6h", label: "Last 6 hours", ms: 6 * 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 3_600_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 3_600_000 },
];

/** A time window in epoch ms; either side may be open. */
export interface TimeWindow {
  fromMs: number | undefined;
  toMs: number | undefined;
}

/** Reads `since` (relative) or `from`/`to` (absolute: RFC 3339 or `YYYY-MM-DDTHH:mm` local) from the query. */
export function readTimeWindow(query: Readonly<Record<string, string>>, now: number): TimeWindow {
  const since = SINCE_OPTIONS.find((o) => o.value === query.since);
  if (since !== undefined) return { fromMs: now - since.ms, toMs: undefined };
  return { fromMs: parseTime(query.from), toMs: parseTime(query.to) };
}

function parseTime(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The smallest UUIDv7 of millisecond `ms`: every id created before `ms` sorts below it. */
export function uuidV7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0").slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** The creation time of a UUIDv7 id, or undefined when it is not one. */
export function uuidV7Time(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7/i.test(id)) return undefined;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** The cursor to ask for: the page's own (paging), else the one standing for `to`, else none. */
export function cursorFor(pageCursor: string | undefined, window: TimeWindow): string | undefined {
  if (pageCursor !== undefined && pageCursor !== "") return pageCursor;
  return window.toMs === undefined ? undefined : uuidV7Floor(window.toMs + 1);
}

/** `datetime-local` input text for an epoch ms, in local time (`YYYY-MM-DDTHH:mm`). */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return "";
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
