// JSON typed by a person (a pattern, an event): parsed with a message that says where the
// mistake is (line and column), since the browser's own message only gives an offset.

/** A parse result: the value, or a message with the position of the mistake. */
export type JsonText = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses `text` as JSON; "" is a mistake of its own ("empty"). */
export function parseJsonText(text: string, what: string): JsonText {
  if (text.trim() === "") return { ok: false, message: `${what} is empty` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    if (at === null) return { ok: false, message: `${what} is not JSON: ${message}` };
    const offset = Number(at[1]);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const col = offset - before.lastIndexOf("\n");
    return { ok: false, message: `${what} is not JSON at line ${line}, column ${col}: ${message.replace(/ in JSON at position \d+.*$/, "").replace(/ at position \d+.*$/, "")}` };
  }
}

/** `value` on one line, with a space after each comma and colon (outside strings). */
function flatJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flatJson).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${flatJson(v)}`).join(", ")}}`;
  return JSON.stringify(value) ?? "null";
}

/** `value` as indented JSON, with branches that fit in `width` characters kept on one line. */
export function prettyJson(value: unknown, width = 56, indent = ""): string {
  const flat = flatJson(value);
  if (value === null || typeof value !== "object" || flat.length + indent.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + prettyJson(v, width, inner)).join(",\n")}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, width, inner)}`);
  return `{\n${entries.join(",\n")}\n${indent}}`;
}
