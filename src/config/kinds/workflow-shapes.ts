// A Workflow document admits several spellings of one thing (Orquesta's lists of `{name: value}`
// next to plain mappings; `do: a, b` next to `do: [a, b]`; a bare number of seconds next to
// `10s`). This reads each in one canonical shape that still knows where every part was written,
// so the checks can place problems and the build can fill the spec from the same reading.
import { parseDuration } from "../../core/duration.js";
import { isJsonObject, pointerSegment } from "../../core/json.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { NodePart } from "../config-document.js";
import type { TaskDocument, WorkflowDocument, WorkflowDurationText } from "./workflow-schema.js";

/**
 * What a task name must look like: it is written in `do` lists (split on commas) and in
 * `$task('name')`, and it never starts with a digit, so tasks keep their document order
 * (JavaScript puts integer-like keys first).
 */
export const TASK_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/** What an input, var or published name must look like: it is read as `ctx.<name>`. */
export const CTX_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** One named entry of a mapping, of a list of `{name: value}`, or a plain name in a list. */
export interface NamedEntry {
  name: string;
  /** The value (undefined for a plain name). */
  value: unknown;
  /** Pointer of the value; of the list item for a plain name. */
  pointer: string;
  /** Which part at `pointer` writes the name: the key, or the value itself (a plain name). */
  namePart: NodePart;
}

/** The entries of `written` (at `base`): a mapping, or a list of names and `{name: value}`. */
export function namedEntries(written: unknown, base: string): NamedEntry[] {
  if (Array.isArray(written)) {
    return written.flatMap((item: unknown, i): NamedEntry[] => {
      if (typeof item === "string") return [{ name: item, value: undefined, pointer: `${base}/${i}`, namePart: "value" }];
      if (!isJsonObject(item)) return [];
      return Object.entries(item).map(([name, value]) => ({ name, value, pointer: `${base}/${i}/${pointerSegment(name)}`, namePart: "key" }));
    });
  }
  if (!isJsonObject(written)) return [];
  return Object.entries(written).map(([name, value]) => ({ name, value, pointer: `${base}/${pointerSegment(name)}`, namePart: "key" }));
}

/** Name → value of `written` (see `namedEntries`); a later entry of a repeated name wins. */
export function namedValues(written: unknown): Record<string, JsonValue> {
  // Parsed YAML holds only JSON values (the core schema has no dates or binary).
  return Object.fromEntries(namedEntries(written, "").map((e) => [e.name, e.value as JsonValue]));
}

/** One input parameter as written, in the list or the mapping form. */
export interface InputEntry extends NamedEntry {
  /** The JSON Schema (mapping form), without its `default`; undefined when it says nothing else. */
  schema?: JsonObject;
  /** True when the entry has a default (`{name: default}`, or `default` in its schema). */
  hasDefault: boolean;
  default?: JsonValue;
}

/** The inputs of a Workflow document, in order. */
export function inputEntries(doc: WorkflowDocument): InputEntry[] {
  const byList = Array.isArray(doc.input);
  return namedEntries(doc.input, "/input").map((entry): InputEntry => {
    if (byList) {
      // A plain name has no value; `{name: default}` has one (which may be null).
      const hasDefault = entry.namePart === "key";
      return hasDefault ? { ...entry, hasDefault, default: entry.value as JsonValue } : { ...entry, hasDefault };
    }
    const { default: fallback, ...rest } = entry.value as JsonObject;
    const schema = Object.keys(rest).length > 0 ? { schema: rest } : {};
    return fallback === undefined ? { ...entry, ...schema, hasDefault: false } : { ...entry, ...schema, hasDefault: true, default: fallback };
  });
}

/** A task or engine command named in a transition's `do`. */
export interface DoTarget {
  name: string;
  /** Pointer of the string that names it (the whole `do` string for `do: a, b`). */
  pointer: string;
}

/** The names in a `do` (at `pointer`): a list, or one string whose names are separated by commas. */
export function doTargets(written: string | string[] | undefined, pointer: string): DoTarget[] {
  if (written === undefined) return [];
  if (Array.isArray(written)) return written.map((name, i) => ({ name: name.trim(), pointer: `${pointer}/${i}` }));
  return written.split(",").map((name) => ({ name: name.trim(), pointer }));
}

/** One transition of a task, as the graph checks read it. */
export interface TransitionOutline {
  /** Pointer of the transition (`/tasks/<name>/next/<i>`). */
  pointer: string;
  conditional: boolean;
  targets: DoTarget[];
}

/** One task with where it was written. */
export interface TaskOutline {
  name: string;
  /** Pointer of the task (`/tasks/<name>`). */
  pointer: string;
  task: TaskDocument;
  transitions: TransitionOutline[];
}

/** The tasks of a Workflow document, in document order. */
export function taskOutlines(doc: WorkflowDocument): TaskOutline[] {
  return Object.entries(doc.tasks).map(([name, task]) => {
    const pointer = `/tasks/${pointerSegment(name)}`;
    const transitions = (task.next ?? []).map((transition, i) => ({
      pointer: `${pointer}/next/${i}`,
      conditional: transition.when !== undefined,
      targets: doTargets(transition.do, `${pointer}/next/${i}/do`),
    }));
    return { name, pointer, task, transitions };
  });
}

/** Milliseconds of a duration as a Workflow writes it: a number (or digits alone) is seconds. */
export function durationMs(written: WorkflowDurationText): number {
  if (typeof written === "number") return Math.round(written * 1000);
  return /^\s*\d+\s*$/.test(written) ? Number(written) * 1000 : parseDuration(written);
}

/**
 * `output` as the spec holds it: Orquesta's list of `{name: value}` becomes one mapping; any
 * other value stays as written.
 */
export function outputValue(written: unknown): JsonValue {
  const isOrquestaList =
    Array.isArray(written) && written.length > 0 && written.every((item) => isJsonObject(item) && Object.keys(item).length === 1);
  // Parsed YAML holds only JSON values (the core schema has no dates or binary).
  return isOrquestaList ? namedValues(written) : (written as JsonValue);
}
