// Shared walk of adapters whose body is one event object or an array of them: each element is
// converted on its own, and a bad one becomes a refused item named by its index.
import { ValidationError } from "../../core/errors.js";
import type { CloudEvent } from "../../core/event.js";
import type { JsonObject } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import type { IngestItem } from "../ingest-item.js";
import { refusedItem } from "../ingest-item.js";

/**
 * Applies `convert` to the body (an object) or to each element (an array). `format` names the
 * format in the error thrown when the body is neither. `convert` receives the JSON pointer of
 * its element ("" or "/3") and throws ValidationErrors for bad fields.
 */
export function perEvent(body: unknown, format: string, convert: (raw: JsonObject, pointer: string) => CloudEvent): IngestItem[] {
  if (!Array.isArray(body) && !isJsonObject(body)) {
    throw new ValidationError(`a ${format} body is one event (a JSON object) or a JSON array of them, got ${body === null ? "null" : typeof body}`, { pointer: "" });
  }
  const list: unknown[] = Array.isArray(body) ? body : [body];
  return list.map((raw, index) => {
    const pointer = Array.isArray(body) ? `/${index}` : "";
    try {
      if (!isJsonObject(raw)) throw new ValidationError(`a ${format} event must be a JSON object`, { pointer });
      return { ok: true, event: convert(raw, pointer) };
    } catch (err) {
      return refusedItem(err, pointer, raw);
    }
  });
}
