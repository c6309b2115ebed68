// Ids derived from content, for sources that send none (or send one per group, not per event):
// the same input always gives the same id, so a re-sent payload deduplicates in the store on
// (bus, source, id).
import { createHash } from "node:crypto";
import type { JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";

/** `<prefix>-<32 hex digits of SHA-256>` over the canonical JSON of `parts` (keys sorted). */
export function stableId(prefix: string, parts: JsonValue): string {
  return `${prefix}-${createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 32)}`;
}

/** JSON with object keys in sorted order, so equal values always serialise alike. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
