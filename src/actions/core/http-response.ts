// What `core.http` keeps of a response: its status, its headers as a plain object, and its
// body — parsed when the response says it is JSON, else text — read only up to a byte limit
// so a huge or endless response cannot exhaust the worker. Bytes past the limit are not read.
import type { JsonValue } from "../../core/json.js";
import { utf8Prefix } from "../utf8-prefix.js";

/** A response as `core.http` returns it. */
export type HttpResult = {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON when the content type is JSON and the whole body parses; else the text. */
  body: JsonValue;
  /** True when the body was longer than the limit and only its start is kept (as text). */
  truncated: boolean;
};

/** Reads `response` into an HttpResult, keeping at most `maxBytes` of its body. */
export async function readResponse(response: Response, maxBytes: number): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  });
  const { bytes, truncated } = await readBody(response, maxBytes);
  const text = Buffer.from(bytes).toString("utf8");
  const body = !truncated && isJson(headers["content-type"]) ? parseJson(text) : text;
  return { status: response.status, headers, body, truncated };
}

async function readBody(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      truncated = true;
      break;
    }
  }
  if (truncated) await reader.cancel().catch(() => undefined);
  return { bytes: utf8Prefix(Buffer.concat(chunks), maxBytes), truncated };
}

/** `application/json` or any `+json` type (`application/problem+json`). */
function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/** The parsed body; an empty body is null; a body that does not parse stays text. */
function parseJson(text: string): JsonValue {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
