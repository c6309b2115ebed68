// JSON values written as YAML a person can read and edit: block mappings and sequences, plain
// scalars where YAML reads them back as the same string, JSON-quoted strings otherwise (a JSON
// string is a valid YAML double-quoted scalar). Small on purpose: the editor needs to show a
// rule, not to round-trip comments or anchors — the server parses what is typed.

const RESERVED = /^(?:~|null|true|false|yes|no|on|off|y|n)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d|\.inf|\.nan|0x|0o)/i;
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const PLAIN = /^[A-Za-z0-9_./$()-][^\n]*$/;

/** True when `text` can be written unquoted and YAML reads it back as the same string. */
function isPlainSafe(text: string): boolean {
  if (text === "" || text !== text.trim()) return false;
  if (DURATION.test(text)) return true;
  if (!PLAIN.test(text) || RESERVED.test(text) || NUMBER_LIKE.test(text)) return false;
  if (text.includes(": ") || text.includes(" #") || text.endsWith(":") || text.includes("\t")) return false;
  return text !== "-" && !text.startsWith("- ") && !text.startsWith("? ");
}

/** In a flow list (`[a, b]`) colons, hashes, commas and brackets end a plain scalar: quote those. */
function flowScalar(value: unknown): string {
  return typeof value === "string" && /[:#,[\]{}]/.test(value) ? JSON.stringify(value) : scalar(value);
}

/** One scalar as YAML text. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return isPlainSafe(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A mapping key as YAML text. */
function key(name: string): string {
  return isPlainSafe(name) ? name : JSON.stringify(name);
}

function isEmptyBranch(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Short lists of scalars read best on one line: `[a, b]`. */
function flowList(value: unknown[]): string | null {
  if (value.length > 6 || !value.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v))) return null;
  const text = `[${value.map(flowScalar).join(", ")}]`;
  return text.length <= 72 ? text : null;
}

function lines(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isObject(item) && !isEmptyBranch(item)) {
        const inner: string[] = [];
        lines(item, `${indent}  `, inner);
        out.push(`${indent}- ${(inner[0] ?? "").trimStart()}`, ...inner.slice(1));
      } else if (Array.isArray(item) && !isEmptyBranch(item)) {
        const flow = flowList(item);
        if (flow !== null) out.push(`${indent}- ${flow}`);
        else {
          out.push(`${indent}-`);
          lines(item, `${indent}  `, out);
        }
      } else out.push(`${indent}- ${isEmptyBranch(item) ? JSON.stringify(item) : scalar(item)}`);
    }
    return;
  }
  if (isObject(value)) {
    for (const [name, child] of Object.entries(value)) {
      if (child === undefined) continue;
      if (isEmptyBranch(child)) out.push(`${indent}${key(name)}: ${JSON.stringify(child)}`);
      else if (Array.isArray(child)) {
        const flow = flowList(child);
        if (flow !== null) out.push(`${indent}${key(name)}: ${flow}`);
        else {
          out.push(`${indent}${key(name)}:`);
          lines(child, `${indent}  `, out);
        }
      } else if (isObject(child)) {
        out.push(`${indent}${key(name)}:`);
        lines(child, `${indent}  `, out);
      } else out.push(`${indent}${key(name)}: ${scalar(child)}`);
    }
    return;
  }
  out.push(`${indent}${scalar(value)}`);
}

/** `value` as a YAML document (block style), ending with a newline. */
export function toYaml(value: unknown): string {
  if (isEmptyBranch(value) || !(isObject(value) || Array.isArray(value))) return `${isEmptyBranch(value) ? JSON.stringify(value) : scalar(value)}\n`;
  const out: string[] = [];
  lines(value, "", out);
  return `${out.join("\n")}\n`;
}
