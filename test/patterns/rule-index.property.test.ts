// Differential property test: RuleIndex.match must equal evaluating every rule's compiled
// pattern in turn, on random patterns (every operator kind, nested and dotted paths, $or,
// bare scalars) and random events (nested objects, arrays of leaves and of objects), with
// rules added, replaced and removed in between.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, PatternError, RuleIndex, type CompiledPattern } from "../../src/patterns/index.js";
import { event, pattern } from "./random-patterns.js";

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
