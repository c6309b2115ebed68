// Reads a whole pattern: checks it is JSON within the size and depth limits, walks its objects
// (fields, nesting, `$or`), hands each match list to parse-match.ts, and expands the result
// into branches. It never throws: every problem is collected with its JSON pointer, so
// `validatePattern` can report them all and `compilePattern` can throw one error holding them.
import { isJsonObject } from "../core/json.js";
import type { PatternDialect } from "./pattern-options.js";
import type { PatternProblem } from "./pattern-error.js";
import { PATTERN_LIMITS } from "./limits.js";
import { ParseContext, describeValue, type Segments } from "./parse-context.js";
import { operatorNames, parseMatchItem, type MatchItem } from "./parse-match.js";
import { makeCondition, type Branch, type FieldCondition } from "./field-condition.js";
import { countCombinations, expand, firstGroupOver, newConjunction, type Conjunction } from "./or-expansion.js";

/** The outcome of reading a pattern: its branches when valid, else the problems found. */
export interface ParsedPattern {
  readonly branches: Branch[];
  readonly problems: PatternProblem[];
  /** Where each condition of the branches was written in the pattern, in document order. */
  readonly places: ReadonlyMap<FieldCondition, Segments>;
}

/** Reads and expands a pattern in a dialect. */
export function parsePattern(pattern: unknown, dialect: PatternDialect): ParsedPattern {
  const ctx = new ParseContext(dialect);
  if (!checkJsonAndSize(pattern, ctx)) return { branches: [], problems: ctx.problems, places: ctx.places };
  if (!isJsonObject(pattern)) {
    ctx.problem([], `Filter is not an object: an event pattern is a JSON object such as {"source": ["cvm.cloud.tencent"]} (got ${describeValue(pattern)})`);
    return { branches: [], problems: ctx.problems, places: ctx.places };
  }
  const root = newConjunction();
  parseObject(pattern, undefined, [], root, ctx, false);
  if (ctx.problems.length === 0) {
    const cap = PATTERN_LIMITS.maxCombinations;
    if (countCombinations(root, cap) > cap) {
      const group = firstGroupOver(root, cap);
      const advice = "split it into several rules or factor common fields out of the $or";
      ctx.problem(group?.at ?? [], `pattern expands to more than ${cap} combinations of $or alternatives; ${advice}`);
    }
  }
  if (ctx.problems.length > 0) return { branches: [], problems: ctx.problems, places: ctx.places };
  return { branches: expand(root), problems: [], places: ctx.places };
}

function checkJsonAndSize(pattern: unknown, ctx: ParseContext): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(pattern);
  } catch (err) {
    ctx.problem([], `pattern is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
  if (json === undefined) {
    ctx.problem([], `Filter is not an object: an event pattern is a JSON object (got ${describeValue(pattern)})`);
    return false;
  }
  const max = PATTERN_LIMITS.maxPatternBytes;
  const bytes = json.length > max ? json.length : new TextEncoder().encode(json).length;
  if (bytes > max) {
    ctx.problem([], `pattern is ${json.length > max ? "more than " : ""}${bytes} bytes of JSON; the limit is ${max}`);
    return false;
  }
  return true;
}

function parseObject(
  obj: Readonly<Record<string, unknown>>,
  parentPath: string | undefined,
  at: Segments,
  into: Conjunction,
  ctx: ParseContext,
  isOrAlternative: boolean,
): void {
  if (at.length >= PATTERN_LIMITS.maxDepth) {
    ctx.problem(at, `pattern nests deeper than ${PATTERN_LIMITS.maxDepth} levels`);
    return;
  }
  const keys = Object.keys(obj);
  if (keys.length === 0) {
    const hint =
      at.length === 0
        ? `a pattern needs at least one field; {"id": [{"exists": true}]} matches every event`
        : "give at least one field inside, or match the field itself with a list";
    ctx.problem(at, `Empty objects are not allowed: ${hint}`);
    return;
  }
  for (const key of keys) {
    const value = obj[key];
    const valueAt = [...at, key];
    if (key === "$or") {
      parseOr(value, parentPath, valueAt, into, ctx);
      continue;
    }
    if (isOrAlternative && operatorNames(ctx.dialect).includes(key)) {
      ctx.problem(valueAt, `${key} is an operator, not a field name: inside $or write {"<field>": [{"${key}": …}]}`);
      continue;
    }
    const path = parentPath === undefined ? key : `${parentPath}.${key}`;
    if (Array.isArray(value)) parseList(value, path, valueAt, into, ctx);
    else if (isJsonObject(value)) parseObject(value, path, valueAt, into, ctx, false);
    else if (ctx.dialect === "reflex" && isScalar(value)) {
      const item = parseMatchItem(value, valueAt, ctx);
      if (item !== undefined) into.conditions.push(ctx.placed(makeCondition(path, [item]), valueAt));
    } else if (isScalar(value)) {
      ctx.problem(valueAt, `"${key}" must be an object or an array: write [${JSON.stringify(value)}] to match that value`);
    } else {
      ctx.problem(valueAt, `"${key}" must be an object or an array (got ${describeValue(value)})`);
    }
  }
}

function parseList(list: readonly unknown[], path: string, at: Segments, into: Conjunction, ctx: ParseContext): void {
  if (list.length === 0) {
    ctx.problem(at, "Empty arrays are not allowed: a match list needs at least one value or operator");
    return;
  }
  if (list.length > PATTERN_LIMITS.maxListValues) {
    ctx.problem(at, `list has ${list.length} values; the limit is ${PATTERN_LIMITS.maxListValues}`);
    return;
  }
  const items: MatchItem[] = [];
  list.forEach((entry, i) => {
    const item = parseMatchItem(entry, [...at, i], ctx);
    if (item !== undefined) items.push(item);
  });
  if (items.length === list.length) into.conditions.push(ctx.placed(makeCondition(path, items), at));
}

function parseOr(value: unknown, parentPath: string | undefined, at: Segments, into: Conjunction, ctx: ParseContext): void {
  if (!Array.isArray(value) || value.length < 2) {
    const got = Array.isArray(value) ? `${value.length} alternative${value.length === 1 ? "" : "s"}` : describeValue(value);
    ctx.problem(at, `$or must be a list of at least two objects, e.g. [{"type": ["a"]}, {"subject": ["b"]}] (got ${got})`);
    return;
  }
  const alternatives: Conjunction[] = [];
  value.forEach((entry, i) => {
    if (!isJsonObject(entry)) {
      ctx.problem([...at, i], `Only JSON object is allowed in array of $or relationship (got ${describeValue(entry)})`);
      return;
    }
    const alternative = newConjunction();
    parseObject(entry, parentPath, [...at, i], alternative, ctx, true);
    alternatives.push(alternative);
  });
  into.groups.push({ at, alternatives });
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
