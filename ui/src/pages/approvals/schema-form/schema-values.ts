// The values of a schema form: what each input holds while a person edits it (text as typed,
// so "1." or "" can be on the way to a number), the schema's defaults to start from, and the
// checks that turn the inputs into the response — with a message per field saying what to fix.
// The server checks the response against the schema again; these checks make that rare.
import type { FieldSpec, FormModel, StringRules } from "./schema-model";

/** What one input holds: text (strings, numbers, JSON), a checkbox, or a list of strings. */
export type FieldValue = string | boolean | string[];

/** Inputs by property key; for a `json` or `free` model the one key is `ROOT`. */
export type FormValues = Readonly<Record<string, FieldValue>>;

/** The key of the whole response's text for `json` and `free` models. */
export const ROOT = "";

/** The response built from the inputs, or the message of each field to fix. */
export type FormResult = { ok: true; value: unknown } | { ok: false; errors: Readonly<Record<string, string>> };

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** An RFC 3339 time as a `datetime-local` input's value (local time, minutes). */
export function toLocalInput(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

function initialOf(field: FieldSpec): FieldValue {
  const d = field.default;
  switch (field.kind) {
    case "string":
      if (typeof d !== "string") return "";
      return field.format === "date-time" ? toLocalInput(d) : d;
    case "number":
      return typeof d === "number" ? String(d) : "";
    case "boolean":
      return d === true;
    case "string-list":
      if (Array.isArray(d)) return d.filter((v): v is string => typeof v === "string");
      // Free strings start with one empty input to type into; a set of options with none ticked.
      return field.options === undefined ? [""] : [];
    case "json":
      return d === undefined ? "" : pretty(d);
  }
}

/** The inputs as the schema's defaults set them. */
export function initialValues(model: FormModel): FormValues {
  if (model.kind === "fields") return Object.fromEntries(model.fields.map((f) => [f.key, initialOf(f)]));
  if (model.kind === "json" && model.schema.default !== undefined) return { [ROOT]: pretty(model.schema.default) };
  return { [ROOT]: "" };
}

const FORMATS: Readonly<Record<string, { test: (v: string) => boolean; message: string }>> = {
  email: { test: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), message: "Enter an e-mail address." },
  uri: { test: (v) => URL.canParse(v), message: "Enter a full URL (https://…)." },
  url: { test: (v) => URL.canParse(v), message: "Enter a full URL (https://…)." },
  date: { test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v), message: "Enter a date (YYYY-MM-DD)." },
  "date-time": { test: (v) => !Number.isNaN(Date.parse(v)), message: "Enter a date and time." },
  time: { test: (v) => /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v), message: "Enter a time (HH:MM)." },
  ipv4: { test: (v) => /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v), message: "Enter an IPv4 address." },
  uuid: { test: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), message: "Enter a UUID." },
};

/** The message for a string that breaks `rules`, or null. */
export function checkString(value: string, rules: StringRules): string | null {
  const length = [...value].length;
  if (rules.minLength !== undefined && length < rules.minLength) return `Use at least ${rules.minLength} character${rules.minLength === 1 ? "" : "s"}.`;
  if (rules.maxLength !== undefined && length > rules.maxLength) return `Use at most ${rules.maxLength} characters (${length} now).`;
  if (rules.pattern !== undefined) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(rules.pattern, "u");
    } catch {
      // A pattern the browser cannot read: the server checks it.
    }
    if (re !== null && !re.test(value)) return `Must match the pattern ${rules.pattern}`;
  }
  const format = rules.format === undefined ? undefined : FORMATS[rules.format];
  if (format !== undefined && !format.test(value)) return format.message;
  return null;
}

function numberValue(field: Extract<FieldSpec, { kind: "number" }>, text: string): { value: number } | { error: string } {
  const n = Number(text);
  if (text === "" || !Number.isFinite(n)) return { error: "Enter a number." };
  if (field.integer && !Number.isInteger(n)) return { error: "Enter a whole number." };
  if (field.minimum !== undefined && n < field.minimum) return { error: `Must be at least ${field.minimum}.` };
  if (field.maximum !== undefined && n > field.maximum) return { error: `Must be at most ${field.maximum}.` };
  if (field.exclusiveMinimum !== undefined && n <= field.exclusiveMinimum) return { error: `Must be more than ${field.exclusiveMinimum}.` };
  if (field.exclusiveMaximum !== undefined && n >= field.exclusiveMaximum) return { error: `Must be less than ${field.exclusiveMaximum}.` };
  if (field.multipleOf !== undefined && field.multipleOf > 0 && Math.abs(n / field.multipleOf - Math.round(n / field.multipleOf)) > 1e-9) return { error: `Must be a multiple of ${field.multipleOf}.` };
  if (field.options !== undefined && !field.options.includes(n)) return { error: `Choose one of ${field.options.join(", ")}.` };
  return { value: n };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** One field's value for the response: `skip` leaves the key out (an empty optional field). */
function fieldResult(field: FieldSpec, input: FieldValue | undefined): { value: unknown } | { error: string } | "skip" {
  switch (field.kind) {
    case "boolean":
      return { value: input === true };
    case "string-list": {
      const items = (Array.isArray(input) ? input : []).map((s) => s.trim()).filter((s) => s !== "");
      if (items.length === 0 && !field.required) return "skip";
      if (field.minItems !== undefined && items.length < field.minItems) return { error: `Give at least ${field.minItems} item${field.minItems === 1 ? "" : "s"}.` };
      if (field.maxItems !== undefined && items.length > field.maxItems) return { error: `Give at most ${field.maxItems} items.` };
      if (field.uniqueItems && new Set(items).size !== items.length) return { error: "Each item may appear only once." };
      for (const [i, item] of items.entries()) {
        const problem = field.options !== undefined && !field.options.includes(item) ? `choose one of ${field.options.join(", ")}` : checkString(item, field.item);
        if (problem !== null) return { error: `Item ${i + 1}: ${problem}` };
      }
      return { value: items };
    }
    case "string": {
      const text = typeof input === "string" ? input : "";
      if (text === "") return field.required ? { error: "Required." } : "skip";
      if (field.options !== undefined && !field.options.includes(text)) return { error: `Choose one of ${field.options.join(", ")}.` };
      const value = field.format === "date-time" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text) ? new Date(text).toISOString() : text;
      const problem = checkString(value, field);
      return problem === null ? { value } : { error: problem };
    }
    case "number": {
      const text = typeof input === "string" ? input.trim() : "";
      if (text === "") return field.required ? { error: "Required." } : "skip";
      return numberValue(field, text);
    }
    case "json": {
      const text = typeof input === "string" ? input.trim() : "";
      if (text === "") return field.required ? { error: "Required (as JSON)." } : "skip";
      return parseJson(text);
    }
  }
}

/** Checks the inputs and builds the response (null for an empty free-form answer). */
export function buildResponse(model: FormModel, values: FormValues): FormResult {
  if (model.kind !== "fields") {
    const text = String(values[ROOT] ?? "").trim();
    if (text === "") return model.kind === "free" ? { ok: true, value: null } : { ok: false, errors: { [ROOT]: "Write the response as JSON." } };
    const parsed = parseJson(text);
    return "error" in parsed ? { ok: false, errors: { [ROOT]: parsed.error } } : { ok: true, value: parsed.value };
  }
  const value: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of model.fields) {
    const result = fieldResult(field, values[field.key]);
    if (result === "skip") continue;
    if ("error" in result) errors[field.key] = result.error;
    else value[field.key] = result.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The field a server problem points at (`/response/keepDays/0` → `keepDays`), or ROOT. */
export function fieldOfPointer(pointer: string | undefined, model: FormModel): string {
  if (pointer === undefined || model.kind !== "fields") return ROOT;
  const segment = /^\/response\/([^/]+)/.exec(pointer)?.[1];
  if (segment === undefined) return ROOT;
  const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
  return model.fields.some((f) => f.key === key) ? key : ROOT;
}
