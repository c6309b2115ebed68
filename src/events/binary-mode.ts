// CloudEvents HTTP binary mode: attributes travel as `ce-<name>` headers (values
// percent-encoded where they hold characters a header cannot), the body is the event's data
// and Content-Type is its `datacontenttype`. Data is JSON for JSON media types, UTF-8 text for
// `text/*` (when it is UTF-8), and `data_base64` for anything else; without a Content-Type it is
// JSON when it parses as JSON, opaque bytes otherwise.
import { isUtf8 } from "node:buffer";
import type { CloudEvent } from "../core/event.js";
import type { JsonObject } from "../core/json.js";
import { parseJsonBody } from "./json-body.js";
import { isJsonMediaType, isTextMediaType, mediaTypeEssence } from "./media-type.js";
import { normalizeEvent } from "./normalize.js";

/** Header values as Node presents them (lower-cased names). */
export type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

const PREFIX = "ce-";
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** True when the request is in binary mode (it has a `ce-specversion` header). */
export function isBinaryMode(headers: HeaderMap): boolean {
  return headerValue(headers, "ce-specversion") !== undefined;
}

/** Reads one binary-mode event. Throws a ValidationError for bad attributes or bad JSON data. */
export function readBinaryEvent(headers: HeaderMap, contentType: string | undefined, body: Buffer, now: number): CloudEvent {
  const envelope: JsonObject = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const value = headerValue(headers, name);
    if (!lower.startsWith(PREFIX) || lower.length === PREFIX.length || value === undefined) continue;
    Object.defineProperty(envelope, lower.slice(PREFIX.length), { value: percentDecode(value), enumerable: true, writable: true, configurable: true });
  }
  const essence = mediaTypeEssence(contentType);
  if (contentType !== undefined && contentType.trim() !== "") envelope.datacontenttype = contentType.trim();
  if (body.length > 0) {
    if (isJsonMediaType(essence)) envelope.data = parseJsonBody(body, "the event data (binary-mode body)");
    else if (essence === "") Object.assign(envelope, untypedData(body));
    else if (isTextMediaType(essence) && isUtf8(body)) envelope.data = body.toString("utf8");
    else envelope.data_base64 = body.toString("base64");
  }
  return normalizeEvent(envelope, { now });
}

/** One header's value; repeated headers are joined with ", " as HTTP allows. */
function headerValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * Decodes `%XX` runs as UTF-8, as the binding asks of receivers. A `%` that does not start a
 * valid escape, or a run that is not UTF-8, is kept as sent (some senders do not encode `%`).
 */
export function percentDecode(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/%/g, ""), "hex");
    try {
      return utf8.decode(bytes);
    } catch {
      return run;
    }
  });
}

/** Data sent without a Content-Type: JSON when it parses as JSON, otherwise opaque bytes. */
function untypedData(body: Buffer): JsonObject {
  try {
    return { data: parseJsonBody(body) };
  } catch {
    return { data_base64: body.toString("base64") };
  }
}
