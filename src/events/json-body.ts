// Reads a request body as JSON, or says exactly where it is not: which line, column and byte.
// The body must be UTF-8 (a leading byte-order mark is tolerated).
import { ValidationError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import { findJsonSyntaxFault } from "./json-syntax.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Parses `body` as JSON. `what` names it in messages ("the body", "the event data"). Throws a
 * ValidationError naming line, column and byte offset of the first fault.
 */
export function parseJsonBody(body: Buffer, what = "the body"): JsonValue {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ValidationError(`${what} is not valid UTF-8 text; send JSON encoded as UTF-8`);
  }
  if (text.trim() === "") throw new ValidationError(`${what} is empty; send a JSON object (one event) or a JSON array (a batch)`);
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    const fault = findJsonSyntaxFault(text);
    if (fault === undefined) throw new ValidationError(`${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    const before = text.slice(0, fault.offset);
    const line = before.split("\n").length;
    const col = fault.offset - before.lastIndexOf("\n");
    const byte = Buffer.byteLength(before, "utf8");
    throw new ValidationError(`${what} is not valid JSON: ${fault.reason} at line ${line}, column ${col} (byte ${byte})`, { line, col });
  }
}
