// The clouds write times in their own shapes: Tencent CVM/CBS `2024-06-01 10:00:00` (Beijing
// time, as the console shows it) or ISO 8601 with `Z`, Alibaba ECS `2024-06-01T02:00Z` (UTC to
// the minute). The fleet keeps ISO 8601 strings; these convert them for the wire.

/** `YYYY-MM-DD HH:mm:ss` in UTC+8, as CBS `CreateTime` and TAT times read. */
export function beijingTime(iso: string | undefined): string {
  if (iso === undefined) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as CVM `CreatedTime` reads. */
export function isoSeconds(iso: string | undefined): string {
  if (iso === undefined) return "";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "" : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `YYYY-MM-DDTHH:mmZ`, as ECS `CreationTime` and `StartTime` read. */
export function isoMinutes(iso: string | undefined): string {
  if (iso === undefined) return "";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "" : `${new Date(ms).toISOString().slice(0, 16)}Z`;
}
