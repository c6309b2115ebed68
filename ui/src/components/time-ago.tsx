// Relative times ("3 min ago") that stay true while the page is open: one shared ticker
// re-renders them all every 15 s. Hovering shows the exact time (local and UTC).
import { useSyncExternalStore } from "react";
import type { ReactNode } from "react";

const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    timer = window.setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 15_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated every 15 s (for components that show ages). */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", or "in 5 min" for the future. */
export function formatAgo(ms: number, reference: number): string {
  const diff = reference - ms;
  const future = diff < 0;
  const s = Math.abs(diff) / 1000;
  let text: string;
  if (s < 5) return "just now";
  if (s < 60) text = `${Math.floor(s)} s`;
  else if (s < 3600) text = `${Math.floor(s / 60)} min`;
  else if (s < 86_400) text = `${Math.floor(s / 3600)} h`;
  else if (s < 86_400 * 60) text = `${Math.floor(s / 86_400)} d`;
  else return new Date(ms).toLocaleDateString();
  return future ? `in ${text}` : `${text} ago`;
}

/** A duration in ms as "850 ms", "12.3 s", "4 min 5 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

function toMs(time: string | number | Date): number {
  if (time instanceof Date) return time.getTime();
  if (typeof time === "number") return time;
  return Date.parse(time);
}

/** Props of `<TimeAgo>`. */
export interface TimeAgoProps {
  /** An RFC 3339 string, epoch ms, or Date; null/undefined shows a dash. */
  time: string | number | Date | null | undefined;
  testId?: string;
}

/** A `<time>` showing how long ago `time` was. */
export function TimeAgo({ time, testId }: TimeAgoProps): ReactNode {
  const reference = useNow();
  if (time === null || time === undefined) return <span className="muted">—</span>;
  const ms = toMs(time);
  if (Number.isNaN(ms)) return <span>{String(time)}</span>;
  const date = new Date(ms);
  return (
    <time className="time-ago" dateTime={date.toISOString()} title={`${date.toLocaleString()}\n${date.toISOString()}`} data-testid={testId}>
      {/* The ticker's time can be 15 s old: a time newer than it would read "in 5 s". */}
      {formatAgo(ms, Math.max(reference, Date.now()))}
    </time>
  );
}
