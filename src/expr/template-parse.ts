// Splits a template string into literal text and `{{ … }}` expressions. The closing `}}` is
// found with JSONata in mind: braces of object constructors nest (`{{ {"a": {"b": 1}} }}`),
// and braces inside string literals, backquoted names and comments do not count, so a
// literal `{{` can be written as `{{ "{{" }}`.
import { TemplateError } from "./template-error.js";

/** One piece of a template string. */
export type TemplatePart = { kind: "text"; text: string } | { kind: "expr"; source: string };

/**
 * Parses `text` into parts. Throws a TemplateError at `pointer` when a `{{` is never closed or
 * encloses nothing.
 */
export function parseTemplateString(text: string, pointer: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf("{{", at);
    if (open < 0) break;
    if (open > at) parts.push({ kind: "text", text: text.slice(at, open) });
    const close = findClose(text, open + 2);
    const source = text.slice(open + 2, close === -1 ? text.length : close).trim();
    if (close === -1) {
      throw new TemplateError({ expression: source, pointer, reason: `"{{" at offset ${open} has no matching "}}"` });
    }
    if (source === "") {
      throw new TemplateError({ expression: source, pointer, reason: `"{{ }}" at offset ${open} holds no expression` });
    }
    parts.push({ kind: "expr", source });
    at = close + 2;
  }
  if (at < text.length) parts.push({ kind: "text", text: text.slice(at) });
  return parts;
}

/** Index of the `}}` that closes an expression starting at `from`, or -1. */
function findClose(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === "`") {
      i = skipQuoted(text, i, ch);
    } else if (ch === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (ch === "{") {
      depth++;
      i++;
    } else if (ch === "}") {
      if (depth === 0 && text[i + 1] === "}") return i;
      if (depth > 0) depth--;
      i++;
    } else {
      i++;
    }
  }
  return -1;
}

/** Index just past the quoted run opened at `start` (backslash escapes in string literals). */
function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\" && quote !== "`") {
      i += 2;
    } else if (ch === quote) {
      return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}
