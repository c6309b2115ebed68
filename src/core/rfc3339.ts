// RFC 3339 timestamps, the form of CloudEvents `time`. `Date.parse` is too forgiving (it takes
// "2026-02-30", local times without an offset, and many other shapes), so the text is checked
// field by field, then converted to epoch milliseconds.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an RFC 3339 timestamp, or `undefined` when `text` is not one. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // Second 60 is a leap second; JavaScript time has none, so it counts as the next second.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  return utc(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
}

/** Formats epoch milliseconds as RFC 3339 in UTC with milliseconds (`2026-01-01T00:00:00.000Z`). */
export function formatRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** Formats epoch milliseconds as RFC 3339, passing `null` (a time that has not happened) through. */
export function formatOptionalRfc3339(ms: number | null): string | null {
  return ms === null ? null : formatRfc3339(Number(ms));
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0, 0, 0, 0, 0)).getUTCDate();
}

/** `Date.UTC` without its mapping of years 0–99 to 1900–1999 (Alertmanager writes year 1). */
function utc(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}
