// An event's time as an operator reads it during an incident: the local clock time to the
// millisecond (with the date when it is not today) and how long ago; the full UTC time on hover.
import type { ReactNode } from "react";
import { TimeAgo } from "../../components";

const two = (n: number): string => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "09:42:29.014", or "Nov 20 09:42:29.014" on another day (local time). */
export function clockTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
  return new Date(now).toDateString() === d.toDateString() ? time : `${MONTHS[d.getMonth()] ?? ""} ${d.getDate()} ${time}`;
}

/** A time cell: clock time and age. */
export function EventTime({ time, testId }: { time: string | undefined; testId?: string }): ReactNode {
  if (time === undefined) return <span className="muted">—</span>;
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return <span className="mono">{time}</span>;
  return (
    <span className="events-time" title={`${new Date(ms).toISOString()} (UTC)\n${new Date(ms).toString()}`} data-testid={testId}>
      <span className="mono">{clockTime(ms)}</span> <span className="muted events-time__ago"><TimeAgo time={ms} /></span>
    </span>
  );
}
