// Points in time as users write them in queries and on the command line: an RFC 3339 time,
// epoch milliseconds, or a duration meaning "that long ago" (`15m`, `7d`).
import { parseDuration } from "./duration.js";
import { ValidationError } from "./errors.js";
import { parseRfc3339 } from "./rfc3339.js";

/** Parses a time parameter into epoch ms; `where` names it in the error. */
export function parseTimeParam(value: string, now: number, where: string): number {
  const text = value.trim();
  if (/^\d{10,}$/.test(text)) return Number(text);
  const exact = parseRfc3339(text);
  if (exact !== undefined) return exact;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`);
  try {
    return now - parseDuration(text.replace(/^-/, ""), where);
  } catch {
    throw new ValidationError(`${where}: '${value}' is not a time; use RFC 3339 (2026-11-21T08:00:00Z), epoch milliseconds, or a duration ago (15m, 7d)`, { pointer: `/${where}` });
  }
}

/** The optional `from`/`to` pair of a query as epoch ms (undefined where not given); errors name the parameter. */
export function timeWindowParams(params: { readonly from?: string; readonly to?: string }, now: number): { fromMs: number | undefined; toMs: number | undefined } {
  return {
    fromMs: params.from === undefined ? undefined : parseTimeParam(params.from, now, "from"),
    toMs: params.to === undefined ? undefined : parseTimeParam(params.to, now, "to"),
  };
}
