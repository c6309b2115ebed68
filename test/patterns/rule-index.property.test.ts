// Differential property test: RuleIndex.match must equal evaluating every rule's compiled
// pattern in turn, on random patterns (every operator kind, nested and dotted paths, $or,
// bare scalars) and random events (nested objects, arrays of leaves and of objects), with
// rules added, replaced and removed in between.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, PatternError, RuleIndex, type CompiledPattern } from "../../src/patterns/index.js";

const STRINGS = ["cvm", "cvm.cloud", "ins-1", "ins-12", "INS-1", "", "a", "ab", "b.png", "10.0.0.5", "2001:db8::1", "σ", "Σ"];
const NUMBERS = [0, -1, 1, 1.5, 90, 100, 300];
const PATHS = ["source", "subject", "region", "data.cpu", "data.state", "data.tags", "data.items.name", "data.items.used", "data.items.tags", "a.b"];

const str = fc.constantFrom(...STRINGS);
const num = fc.constantFrom(...NUMBERS);
const leaf = fc.oneof(str, num, fc.boolean(), fc.constant(null));

const matchItem: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 2, arbitrary: str.map((s) => ({ prefix: s.slice(0, 3) })) },
  { weight: 1, arbitrary: str.map((s) => ({ prefix: { "equals-ignore-case": s.slice(0, 2) } })) },
  { weight: 1, arbitrary: fc.constantFrom(".png", "1", "", "2").map((s) => ({ suffix: s })) },
  { weight: 1, arbitrary: str.map((s) => ({ suffix: { "equals-ignore-case": s.slice(-2) } })) },
  { weight: 1, arbitrary: str.map((s) => ({ "equals-ignore-case": s })) },
  { weight: 1, arbitrary: fc.constantFrom("*", "in*", "*1", "i*-*", "", "c*.*d", "a\\*b").map((w) => ({ wildcard: w })) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      str,
      num,
      fc.uniqueArray(str, { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(num, { minLength: 1, maxLength: 3 }),
      fc.constantFrom("c", "in", "a").map((p) => ({ prefix: p })),
      fc.constantFrom("1", "png").map((p) => ({ suffix: [p, "x"] })),
      str.map((s) => ({ "equals-ignore-case": [s] })),
      fc.constantFrom("*1", "c*").map((w) => ({ wildcard: w })),
    ).map((operand) => ({ "anything-but": operand })),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.tuple(fc.constantFrom("=", "<", "<=", ">", ">="), num).map(([op, n]) => [op, n]),
      fc.tuple(fc.constantFrom(">", ">="), num, fc.constantFrom("<", "<="), num).map(([a, lo, b, hi]) => (lo <= hi ? [a, lo, b, hi + 1] : [a, hi, b, lo + 1])),
    ).map((operand) => ({ numeric: operand })),
  },
  { weight: 2, arbitrary: fc.boolean().map((exists) => ({ exists })) },
  { weight: 1, arbitrary: fc.constantFrom("10.0.0.0/8", "2001:db8::/32", "0.0.0.0/0").map((cidr) => ({ cidr })) },
  { weight: 1, arbitrary: fc.constantFrom("^ins-\\d+$", "1", "(?i)^cvm").map((regex) => ({ regex })) },
);

/** A field: its path, how it is written (nested objects or dotted keys), and its match list or bare scalar. */
const field = fc.record({
  path: fc.constantFrom(...PATHS),
  dotted: fc.boolean(),
  list: fc.array(matchItem, { minLength: 1, maxLength: 3 }),
  bare: fc.boolean(),
});
type Field = typeof field extends fc.Arbitrary<infer F> ? F : never;

function build(fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const segments = f.dotted ? [f.path] : f.path.split(".");
    let node = out;
    for (const segment of segments.slice(0, -1)) {
      const next = node[segment];
      node = next !== null && typeof next === "object" && !Array.isArray(next) ? (next as Record<string, unknown>) : (node[segment] = {});
    }
    const only = f.list[0];
    const scalar = f.list.length === 1 && (only === null || typeof only !== "object");
    node[segments[segments.length - 1] as string] = f.bare && scalar ? only : f.list;
  }
  return out;
}

const pattern: fc.Arbitrary<unknown> = fc
  .tuple(fc.array(field, { minLength: 1, maxLength: 3 }), fc.option(fc.array(fc.array(field, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 })))
  .map(([fields, or]) => {
    const p = build(fields);
    return or ? { ...p, $or: or.map(build) } : p;
  });

const valueOrList = fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) });
const item = fc.record({ name: valueOrList, used: valueOrList, tags: valueOrList }, { requiredKeys: [] });
const event = fc.record(
  {
    source: valueOrList,
    subject: valueOrList,
    region: valueOrList,
    data: fc.record({ cpu: valueOrList, state: valueOrList, tags: valueOrList, items: fc.oneof(item, fc.array(item, { maxLength: 3 })) }, { requiredKeys: [] }),
    "a.b": valueOrList,
    a: fc.record({ b: valueOrList }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

function compiled(p: unknown): CompiledPattern | undefined {
  try {
    return compilePattern(p);
  } catch (err) {
    if (err instanceof PatternError) return undefined;
    throw err;
  }
}

/** An index and the model of the valid ones of `patterns`, as rules `${prefix}0`, `${prefix}1`, … (added to `into` when given). */
function indexed(patterns: readonly unknown[], prefix: string, into = { index: new RuleIndex(), model: new Map<string, CompiledPattern>() }) {
  patterns.forEach((p, i) => {
    const c = compiled(p);
    if (!c) return;
    into.model.delete(`${prefix}${i}`);
    into.model.set(`${prefix}${i}`, c);
    into.index.add(`${prefix}${i}`, p);
  });
  return into;
}

function expected(model: ReadonlyMap<string, CompiledPattern>, e: unknown): string[] {
  return [...model].filter(([, c]) => c.matches(e)).map(([id]) => id);
}

describe("RuleIndex against per-rule evaluation", () => {
  it("agrees on hundreds of random rules and events", () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 100, maxLength: 300 }), fc.array(event, { minLength: 10, maxLength: 20 }), (patterns, events) => {
        const { index, model } = indexed(patterns, "r");
        for (const e of events) expect(index.match(e)).toEqual(expected(model, e));
      }),
      { numRuns: 25 },
    );
  });

  it("agrees when nearly every rule names a source, partitioning the index, and after most are removed again", () => {
    const sourced = fc.tuple(pattern, fc.constantFrom("cvm", "acs", "am"), fc.integer({ min: 0, max: 19 })).map(([p, source, roll]) =>
      roll === 0 ? p : { ...(p as Record<string, unknown>), source: roll < 10 ? [source] : source },
    );
    const sourcedEvent = fc.tuple(event, fc.constantFrom("cvm", "acs", "am", "other")).map(([e, source]) => ({ ...e, source }));
    fc.assert(
      fc.property(fc.array(sourced, { minLength: 300, maxLength: 500 }), fc.array(sourcedEvent, { minLength: 10, maxLength: 20 }), (patterns, events) => {
        const { index, model } = indexed(patterns, "r");
        for (const e of events) expect(index.match(e)).toEqual(expected(model, e));
        for (const id of [...model.keys()].filter((_, i) => i % 4 !== 0)) {
          index.remove(id);
          model.delete(id);
        }
        indexed(patterns.slice(0, 20), "again", { index, model });
        for (const e of events) expect(index.match(e)).toEqual(expected(model, e));
      }),
      { numRuns: 15 },
    );
  });

  it("agrees while rules are added, replaced and removed", () => {
    const command = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant("add" as const), id: fc.integer({ min: 0, max: 40 }), pattern }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("remove" as const), id: fc.integer({ min: 0, max: 40 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("match" as const), event }) },
    );
    fc.assert(
      fc.property(fc.array(command, { minLength: 50, maxLength: 200 }), (commands) => {
        const index = new RuleIndex();
        const model = new Map<string, CompiledPattern>();
        for (const c of commands) {
          if (c.op === "add") {
            const id = `r${c.id}`;
            const compiledPattern = compiled(c.pattern);
            if (!compiledPattern) {
              expect(() => index.add(id, c.pattern)).toThrow(PatternError);
              continue;
            }
            index.add(id, c.pattern);
            model.delete(id);
            model.set(id, compiledPattern);
          } else if (c.op === "remove") {
            expect(index.remove(`r${c.id}`)).toBe(model.delete(`r${c.id}`));
          } else {
            expect(index.match(c.event)).toEqual(expected(model, c.event));
          }
          expect(index.size).toBe(model.size);
        }
      }),
      { numRuns: 25 },
    );
  });
});
