// What the expressions of a workflow refer to, found by scanning their text: `ctx.<name>`
// (which must be an input, a var or a published value, so a typo is caught before a run reads
// null), `$task('name')` (which must be a task), and Orquesta's bare `succeeded()` (JSONata
// functions start with `$`). A scan, not a parse: string literals are blanked out first, so
// `'ctx.x'` in quotes is not a reference; literal text next to a `{{ … }}` in the same string is
// scanned too, which matters only for text that itself reads `ctx.<name>`.
import { pointerSegment } from "../../core/json.js";

/** A string of a document value that holds a template, and where it is. */
export interface TemplateString {
  text: string;
  pointer: string;
}

/** Every string under `value` (at `pointer`) that holds `{{`. */
export function templateStrings(value: unknown, pointer: string): TemplateString[] {
  if (typeof value === "string") return value.includes("{{") ? [{ text: value, pointer }] : [];
  if (Array.isArray(value)) return value.flatMap((item: unknown, i) => templateStrings(item, `${pointer}/${i}`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => templateStrings(item, `${pointer}/${pointerSegment(key)}`));
  }
  return [];
}

/** What one template string refers to. */
export interface TemplateRefs {
  /** Names read as `ctx.<name>`. */
  ctx: string[];
  /** Names given to `$task('…')` as a literal. */
  tasks: string[];
  /** Status functions called without their `$` (`succeeded()`). */
  bareCalls: string[];
}

const TASK_CALL = /\$task\s*\(\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\)/g;
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const CTX_REF = /(?<![\w$.`])ctx\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;
const BARE_CALL = /(?<![\w$.`])(succeeded|failed|completed|task)\s*\(/g;

/** The references in `text` (each name once, in order of appearance). */
export function scanRefs(text: string): TemplateRefs {
  const tasks = [...text.matchAll(TASK_CALL)].map((m) => m[1] ?? m[2] ?? "");
  const code = text.replace(STRING_LITERAL, '""');
  const ctx = [...code.matchAll(CTX_REF)].map((m) => m[1] ?? "");
  const bareCalls = [...code.matchAll(BARE_CALL)].map((m) => m[1] ?? "");
  return { ctx: unique(ctx), tasks: unique(tasks), bareCalls: unique(bareCalls) };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
