// Envelope normalisation: whatever arrives as a JSON envelope (a structured CloudEvent, a plain
// JSON object, an item of a batch, an adapter's output) leaves here as a CloudEvents 1.0 event
// with `specversion`, `id` and `time` filled in, attributes type-checked, and extension
// attributes kept at top level exactly as given (Tencent's `region`, `status`, `resource`,
// `tags`). Optional attributes that are `null` count as absent. Also home to the two views the
// store needs of an event: its time in ms and its free text.
import { ValidationError } from "../core/errors.js";
import type { CloudEvent } from "../core/event.js";
import { newId } from "../core/ids.js";
import type { JsonValue } from "../core/json.js";
import { isJsonObject, pointerSegment } from "../core/json.js";
import { formatRfc3339, parseRfc3339 } from "../core/rfc3339.js";

/** The CloudEvents versions Reflex reads. */
export const SUPPORTED_SPECVERSIONS: readonly string[] = ["1.0"];

/** Options of normalizeEvent. */
export interface NormalizeOptions {
  /** Current time (epoch ms), for a missing `time` and a generated `id`. */
  now: number;
  /** JSON pointer of this envelope in the request (`/3` inside a batch); "" by default. */
  pointer?: string;
}

const STRING_ATTRIBUTES = ["subject", "datacontenttype", "dataschema", "data_base64"] as const;
const CORE_ATTRIBUTES = new Set(["specversion", "id", "source", "type", "time", "data", ...STRING_ATTRIBUTES]);

/**
 * Checks and completes one envelope. Throws a ValidationError whose location is the JSON
 * pointer of the faulty attribute (e.g. `/3/source`).
 */
export function normalizeEvent(input: unknown, opts: NormalizeOptions): CloudEvent {
  const base = opts.pointer ?? "";
  const at = (name: string): { pointer: string } => ({ pointer: `${base}/${pointerSegment(name)}` });
  if (!isJsonObject(input)) {
    throw new ValidationError(`an event must be a JSON object with at least "source" and "type", got ${describe(input)}`, { pointer: base });
  }
  const specversion = input.specversion ?? "1.0";
  if (typeof specversion !== "string" || !SUPPORTED_SPECVERSIONS.includes(specversion)) {
    throw new ValidationError(
      `specversion ${JSON.stringify(specversion)} is not supported; Reflex reads CloudEvents ${SUPPORTED_SPECVERSIONS.map((v) => `"${v}"`).join(", ")} (or leave specversion out)`,
      at("specversion"),
    );
  }
  const source = requiredString(input, "source", at, "where the event comes from, e.g. \"cvm.cloud.tencent\"");
  const type = requiredString(input, "type", at, "what happened, e.g. \"cvm:ErrorEvent:PingUnreachable\"");
  const rawId = input.id ?? null;
  if (rawId !== null && (typeof rawId !== "string" || rawId === "")) {
    throw new ValidationError(`id must be a non-empty string (or left out to have one generated), got ${describe(rawId)}`, at("id"));
  }
  const rawTime = input.time ?? null;
  if (rawTime !== null && (typeof rawTime !== "string" || parseRfc3339(rawTime) === undefined)) {
    throw new ValidationError(`time must be an RFC 3339 timestamp such as "2026-01-01T08:30:00.000Z" (or left out for now), got ${describe(rawTime)}`, at("time"));
  }
  const event: CloudEvent = { specversion, id: rawId ?? newId(opts.now), source, type, time: rawTime ?? formatRfc3339(opts.now) };
  for (const name of STRING_ATTRIBUTES) {
    const value = input[name] ?? null;
    if (value === null) continue;
    if (typeof value !== "string") throw new ValidationError(`${name} must be a string, got ${describe(value)}`, at(name));
    event[name] = value;
  }
  if (input.data !== undefined) {
    if (event.data_base64 !== undefined) {
      throw new ValidationError("an event carries either data or data_base64, not both", at("data_base64"));
    }
    event.data = input.data;
  }
  for (const [name, value] of Object.entries(input)) {
    if (!CORE_ATTRIBUTES.has(name)) Object.defineProperty(event, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return event;
}

/** The event's time in epoch ms (its `time`, which normalizeEvent always sets). */
export function eventTimeMs(event: CloudEvent): number {
  const ms = event.time === undefined ? undefined : parseRfc3339(event.time);
  if (ms === undefined) {
    throw new ValidationError(`time must be an RFC 3339 timestamp, got ${describe(event.time)}; pass the event through normalizeEvent first`, { pointer: "/time" });
  }
  return ms;
}

/** Upper bound of searchText's result, in characters. */
export const SEARCH_TEXT_LIMIT = 16 * 1024;

/** Type and subject are indexed in full up to this length (SQLite serves exact filters on them from the text index). */
export const SEARCH_TEXT_KEY_LIMIT = 1_000;

/**
 * The words of an event for the free-text index: type and subject (each whole up to
 * SEARCH_TEXT_KEY_LIMIT), source, then the string and number leaves of the extensions and of
 * `data`, space-separated, cut at SEARCH_TEXT_LIMIT.
 */
export function searchText(event: CloudEvent): string {
  const out: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    if (length >= SEARCH_TEXT_LIMIT) return false;
    const piece = text.slice(0, SEARCH_TEXT_LIMIT - length);
    out.push(piece);
    length += piece.length + 1;
    return true;
  };
  const walk = (value: JsonValue | undefined): boolean => {
    if (typeof value === "string") return value === "" || add(value);
    if (typeof value === "number") return add(String(value));
    if (Array.isArray(value)) return value.every(walk);
    if (isJsonObject(value)) return Object.values(value).every(walk);
    return true;
  };
  walk([event.type.slice(0, SEARCH_TEXT_KEY_LIMIT), (event.subject ?? "").slice(0, SEARCH_TEXT_KEY_LIMIT), event.source]);
  for (const [name, value] of Object.entries(event)) {
    if (!CORE_ATTRIBUTES.has(name) && !walk(value)) break;
  }
  walk(event.data);
  return out.join(" ");
}

function requiredString(input: Record<string, JsonValue>, name: string, at: (n: string) => { pointer: string }, what: string): string {
  const value = input[name];
  if (typeof value === "string" && value !== "") return value;
  if (value === undefined || value === null) throw new ValidationError(`${name} is required: a non-empty string naming ${what}`, at(name));
  throw new ValidationError(`${name} must be a non-empty string naming ${what}, got ${describe(value)}`, at(name));
}

/** A short description of a value for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return value === "" ? "an empty string" : JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return `${typeof value} ${String(value)}`;
}
