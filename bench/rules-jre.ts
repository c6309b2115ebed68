// json-rules-engine, the most used rule engine on npm, given the same rules as Reflex's index
// so the two can be measured side by side. Each event pattern of the exact/prefix-heavy mix is
// translated into an `all` of json-rules-engine conditions: one fact per top-level attribute of
// the event (the event object itself is the facts), nested fields reached with a condition
// `path`, exact values with `equal` / `in`, numeric bounds with `greaterThan…` / `lessThan…`,
// and three small custom operators where EventBridge semantics have no built-in equivalent:
// `startsWith` (prefix), `anythingBut` (present and not one of) and `exists`.
//
// To give the engine its best chance, paths are resolved by a plain dotted-path lookup (the
// `pathResolver` option) rather than the default JSONPath library. Patterns with operators not
// translated here (`$or`, wildcard, …) are refused, so only equivalent rules are compared.
import { Engine } from "json-rules-engine";
import { isJsonObject, type JsonObject, type JsonValue } from "../src/core/json.js";
import type { BenchRule } from "./rules-sets.js";

/** One json-rules-engine condition, as this translation produces them. */
interface JreCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}

/** A json-rules-engine engine holding rules, and how to ask it about one event. */
export interface JreEngine {
  /** Ids of the rules whose conditions hold for the event (in no particular order). */
  match(event: JsonObject): Promise<string[]>;
}

/** Builds an engine with the translated rules; throws on a pattern it cannot translate. */
export function jreEngine(rules: readonly BenchRule[]): JreEngine {
  const segments = new Map<string, string[]>();
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    pathResolver: (value, path) => {
      let parts = segments.get(path);
      if (!parts) segments.set(path, (parts = path.split(".")));
      let at: unknown = value;
      for (const part of parts) at = isJsonObject(at) ? at[part] : undefined;
      return at;
    },
  });
  engine.addOperator<unknown, string>("startsWith", (fact, prefix) => typeof fact === "string" && fact.startsWith(prefix));
  engine.addOperator<unknown, unknown[]>("anythingBut", (fact, excluded) => fact !== undefined && !excluded.includes(fact));
  engine.addOperator<unknown, boolean>("exists", (fact, wanted) => (fact !== undefined) === wanted);
  for (const rule of rules) {
    engine.addRule({ name: rule.id, conditions: { all: translatePattern(rule.pattern) }, event: { type: rule.id } });
  }
  return {
    async match(event) {
      const { results } = await engine.run(event);
      return results.map((r) => r.name);
    },
  };
}

/** The conditions equivalent to an event pattern (all of them must hold). */
function translatePattern(pattern: JsonObject, at: readonly string[] = []): (JreCondition | { any: JreCondition[] })[] {
  const out: (JreCondition | { any: JreCondition[] })[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const path = [...at, key];
    if (key === "$or") throw new Error(`json-rules-engine translation: $or at ${path.join(".")} is not translated`);
    if (isJsonObject(value)) {
      out.push(...translatePattern(value, path));
      continue;
    }
    const entries = Array.isArray(value) ? value : [value];
    const [fact = key, ...rest] = path;
    const base = rest.length > 0 ? { fact, path: rest.join(".") } : { fact };
    const exact = entries.filter((e) => !isJsonObject(e));
    const operators = entries.filter(isJsonObject).map((e) => translateOperator(e, path.join(".")));
    const alternatives: JreCondition[][] = [];
    if (exact.length === 1) alternatives.push([{ ...base, operator: "equal", value: exact[0] }]);
    else if (exact.length > 1) alternatives.push([{ ...base, operator: "in", value: exact }]);
    for (const conditions of operators) alternatives.push(conditions.map((c) => ({ ...base, ...c })));
    const [only, ...others] = alternatives;
    if (!only) throw new Error(`json-rules-engine translation: empty match list at ${path.join(".")}`);
    if (others.length === 0) out.push(...only);
    else if (alternatives.every((a) => a.length === 1)) out.push({ any: alternatives.map((a) => a[0] as JreCondition) });
    else throw new Error(`json-rules-engine translation: several multi-condition alternatives at ${path.join(".")}`);
  }
  return out;
}

const NUMERIC: Readonly<Record<string, string>> = { ">": "greaterThan", ">=": "greaterThanInclusive", "<": "lessThan", "<=": "lessThanInclusive", "=": "equal" };

/** One operator entry (`{"prefix": …}`, …) as conditions on the same fact, all of which must hold. */
function translateOperator(entry: JsonObject, where: string): { operator: string; value: unknown }[] {
  const [name, operand] = Object.entries(entry)[0] ?? [];
  if (name === "prefix" && typeof operand === "string") return [{ operator: "startsWith", value: operand }];
  if (name === "exists" && typeof operand === "boolean") return [{ operator: "exists", value: operand }];
  if (name === "anything-but" && !isJsonObject(operand)) return [{ operator: "anythingBut", value: Array.isArray(operand) ? operand : [operand] }];
  if (name === "numeric" && Array.isArray(operand)) return numericConditions(operand, where);
  throw new Error(`json-rules-engine translation: ${JSON.stringify(entry)} at ${where} is not translated`);
}

function numericConditions(operand: readonly JsonValue[], where: string): { operator: string; value: unknown }[] {
  const out: { operator: string; value: unknown }[] = [];
  for (let i = 0; i + 1 < operand.length; i += 2) {
    const operator = NUMERIC[String(operand[i])];
    if (!operator || typeof operand[i + 1] !== "number") throw new Error(`json-rules-engine translation: bad numeric ${JSON.stringify(operand)} at ${where}`);
    out.push({ operator, value: operand[i + 1] });
  }
  return out;
}
