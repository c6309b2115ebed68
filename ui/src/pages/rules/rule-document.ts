// The API shows a rule as Reflex reads it (durations in ms, queue connections nested, inline
// secrets hidden); `PUT /api/v1/rules/:name` takes it as written in a `kind: Rule` document.
// This turns the first into the second — so the editor shows YAML a person would write and the
// enable switch can send the rule back with only `enabled` changed — and finds the hidden
// secrets that must not be sent back as the placeholder the API shows.
import { durationText } from "./duration-text";
import type { RuleView, TargetView } from "./types";

/** What the API shows in place of an inline secret (src/rules/delivery-request.ts). */
export const HIDDEN_SECRET = "(inline secret)";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `{perMs: 60000, rate: 1}` → `{per: "1m", rate: 1}`: every `…Ms` number becomes a duration. */
function durations(value: Json): Json {
  const out: Json = {};
  for (const [name, field] of Object.entries(value)) {
    const ms = /^(.+)Ms$/.exec(name);
    if (ms !== null && typeof field === "number") out[ms[1] ?? name] = durationText(field);
    else out[name] = field;
  }
  return out;
}

/** A queue target's `connection` and `destination` are flat fields in a document. */
function queueFields(target: Json): Json {
  const { connection, destination, ...rest } = target;
  const out: Json = { ...rest };
  if (isObject(connection)) {
    const { broker: _broker, ...written } = connection;
    Object.assign(out, written);
  }
  if (isObject(destination)) Object.assign(out, destination);
  return out;
}

/** One target as a document writes it. */
function targetDocument(target: TargetView): Json {
  const { type, name, retry, ...fields } = target;
  const out: Json = { name, type, ...durations(type === "queue" ? queueFields(fields) : fields) };
  if (isObject(out.headers) && Object.keys(out.headers).length === 0) delete out.headers;
  if (type === "workflow" && isObject(out.input) && Object.keys(out.input).length === 0) delete out.input;
  if (isObject(retry)) out.retry = durations(retry);
  return out;
}

/** The rule as the fields of a `kind: Rule` document (with `kind` and `name` first). */
export function ruleDocument(rule: RuleView): Json {
  const doc: Json = { kind: "Rule", name: rule.name };
  if (rule.description !== undefined) doc.description = rule.description;
  doc.bus = rule.bus;
  doc.enabled = rule.enabled;
  if (rule.patternDialect !== "reflex") doc.patternDialect = rule.patternDialect;
  if (Object.keys(rule.labels).length > 0) doc.labels = rule.labels;
  doc.pattern = rule.pattern;
  if (rule.throttle !== undefined) doc.throttle = durations(rule.throttle);
  if (rule.dedupe !== undefined) doc.dedupe = durations(rule.dedupe);
  if (rule.group !== undefined) doc.group = durations(rule.group);
  doc.targets = rule.targets.map(targetDocument);
  return doc;
}

/** The JSON body of `PUT /api/v1/rules/:name` that writes `rule` back with `enabled` set. */
export function ruleBodyWithEnabled(rule: RuleView, enabled: boolean): Json {
  const { kind: _kind, ...body } = ruleDocument(rule);
  return { ...body, enabled };
}

/** JSON pointers of every hidden inline secret in `value` (empty when none). */
export function hiddenSecrets(value: unknown, pointer = ""): string[] {
  if (value === HIDDEN_SECRET) return [pointer];
  if (Array.isArray(value)) return value.flatMap((item, i) => hiddenSecrets(item, `${pointer}/${i}`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => hiddenSecrets(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  return [];
}

/** 1-based numbers of the lines of `text` that hold the hidden-secret placeholder. */
export function hiddenSecretLines(text: string): number[] {
  const found: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.includes(HIDDEN_SECRET)) found.push(i + 1);
  });
  return found;
}
