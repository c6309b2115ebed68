// Differential property tests per operator: for each operator the rule index looks up by value
// (prefix and suffix tries, folded maps, wildcard ends, CIDR prefix lengths, regex literal
// prefixes, numeric bounds, anything-but), hundreds of rules using it on the same field —
// enough to build deep, branching structures — must give exactly the answers of evaluating
// every rule's compiled pattern, also after a random half of the rules is removed (which
// collapses shared paths back into tails) and added again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, RuleIndex, type CompiledPattern } from "../../src/patterns/index.js";

/** Strings shaped like ids and names: runs that share prefixes and suffixes, mixed case, a non-ASCII letter. */
const SEGMENTS = ["ins", "-", "a", "b", "B", "1", "2", ":", "/", ".", "x", "Σ", "σ"];
const text = fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 7 }).map((parts) => parts.join(""));
const nonEmpty = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
const glob = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SEGMENTS) }, { weight: 1, arbitrary: fc.constantFrom("*", "\\*") }), { maxLength: 7 })
  .map((parts) => parts.join("").replace(/\*(\*)+/g, "*").replace(/\\\*\*/g, "\\*"))
  .filter((g) => !g.includes("**") && (g.match(/(?<!\\)\*/g)?.length ?? 0) <= 5);

const ipv4 = fc
  .tuple(fc.constantFrom(10, 172), fc.constantFrom(0, 1, 16), fc.constantFrom(0, 1, 2, 255), fc.constantFrom(0, 1, 7, 200))
  .map((parts) => parts.join("."));
const ipv6 = fc.constantFrom("2001:db8::1", "2001:db8:1::7", "2001:db9::", "::ffff:10.0.0.1", "::1", "fe80::1");
const cidr = fc.oneof(
  fc.tuple(ipv4, fc.constantFrom(0, 8, 12, 16, 23, 24, 25, 31, 32)).map(([ip, bits]) => `${ip}/${bits}`),
  fc.tuple(ipv6, fc.constantFrom(0, 16, 32, 48, 64, 104, 128)).map(([ip, bits]) => `${ip}/${bits}`),
);
const regex = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom("ins", "-", "a", "b", "1", ":"), { maxLength: 3 }), fc.constantFrom("", "[0-9]*", "a?", "b*", "(a|1)", "[a-z]+$", ".*-1", "$"))
  .map(([anchored, literal, rest]) => `${anchored ? "^" : ""}${literal.join("")}${rest}`);

/** One match-list item per operator family. */
const OPERATORS: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  exact: fc.oneof(text, fc.constantFrom(0, 1, 1.5, true, null)),
  prefix: text.map((p) => ({ prefix: p })),
  "prefix ignoring case": text.map((p) => ({ prefix: { "equals-ignore-case": p } })),
  suffix: text.map((s) => ({ suffix: s })),
  "suffix ignoring case": text.map((s) => ({ suffix: { "equals-ignore-case": s } })),
  "equals-ignore-case": text.map((s) => ({ "equals-ignore-case": s })),
  wildcard: glob.map((w) => ({ wildcard: w })),
  cidr: cidr.map((c) => ({ cidr: c })),
  regex: regex.map((r) => ({ regex: r })),
  numeric: fc
    .tuple(fc.constantFrom(">", ">=", "<", "<=", "="), fc.constantFrom(0, 1, 1.5, 2))
    .map(([op, n]) => ({ numeric: [op, n] })),
  "anything-but": fc.oneof(
    text.map((s) => ({ "anything-but": s })),
    nonEmpty.map((p) => ({ "anything-but": { prefix: p } })),
    nonEmpty.map((s) => ({ "anything-but": { suffix: s } })),
    glob.map((w) => ({ "anything-but": { wildcard: w } })),
  ),
};

const value = fc.oneof({ weight: 6, arbitrary: text }, { weight: 2, arbitrary: ipv4 }, { weight: 1, arbitrary: ipv6 }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 1.5, 2, true, null) });

/** A rule: the operator on `f` (one or two items), often with an exact `g`, sometimes an `$or` on `h`. */
function rule(item: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      f: fc.array(item, { minLength: 1, maxLength: 2 }),
      g: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
      or: fc.option(fc.tuple(value, value), { nil: undefined }),
    })
    .map(({ f, g, or }) => ({
      f,
      ...(g === undefined ? {} : { g: [g] }),
      ...(or === undefined ? {} : { $or: [{ h: [or[0]] }, { h: [or[1]], g: [{ exists: false }] }] }),
    }));
}

/** A value built to satisfy a match-list item (or to come close), so that events match often. */
function witness(item: unknown, filler: string): unknown {
  if (item === null || typeof item !== "object") return item;
  const [op, operand] = Object.entries(item)[0] as [string, unknown];
  const inner = (o: unknown): string => (typeof o === "string" ? o : swapCase(String((o as Record<string, unknown>)["equals-ignore-case"])));
  switch (op) {
    case "prefix":
      return inner(operand) + filler;
    case "suffix":
      return filler + inner(operand);
    case "equals-ignore-case":
      return swapCase(String(operand));
    case "wildcard":
      return String(operand).replace(/\\\*|\*/g, (m) => (m === "*" ? filler : "*"));
    case "regex":
      return String(operand).replace(/^\^/, "").replace(/[^a-z0-9:-]+.*$/s, "") + filler;
    case "numeric":
      return [0, 1, 1.5, 2][filler.length % 4];
    case "cidr":
      // The block's own address lies in it; with a filler, a neighbour that may not, or no address at all.
      return filler === "" ? String(operand).split("/")[0] : String(operand).replace(/\.\d+\/.*$|:[^:]*\/.*$/, filler === "1" ? ".1" : ":1");
    default:
      return filler;
  }
}

function swapCase(text: string): string {
  return [...text].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join("");
}

/** Events: `f` from a rule's own operands (filled in) or from the value space, `g` and `h` as rules use them. */
function events(patterns: readonly Record<string, unknown>[]): fc.Arbitrary<Record<string, unknown>[]> {
  const fromRule = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("", "1", "-a", "x:b")).map(([p, i, filler]) => {
    const items = (patterns[p % patterns.length] as { f: unknown[] }).f;
    return witness(items[i % items.length], filler);
  });
  const f = fc.oneof({ weight: 3, arbitrary: fromRule }, { weight: 2, arbitrary: value }, { weight: 1, arbitrary: fc.array(fc.oneof(fromRule, value), { maxLength: 3 }) });
  return fc.array(fc.record({ f, g: fc.constantFrom("g1", "g2"), h: value }, { requiredKeys: ["f"] }), { minLength: 20, maxLength: 40 });
}

/** Matches seen, so a test whose events never match any rule fails instead of passing vacuously. */
let matchesSeen = 0;

function expected(model: ReadonlyMap<string, CompiledPattern>, e: unknown): string[] {
  const ids = [...model].filter(([, c]) => c.matches(e)).map(([id]) => id);
  matchesSeen += ids.length;
  return ids;
}

describe("RuleIndex against per-rule evaluation, operator by operator", () => {
  for (const [name, item] of Object.entries(OPERATORS)) {
    it(`agrees for ${name}`, () => {
      matchesSeen = 0;
      fc.assert(
        fc.property(fc.array(rule(item), { minLength: 50, maxLength: 200 }).chain((patterns) => fc.tuple(fc.constant(patterns), events(patterns))), fc.array(fc.boolean()), ([patterns, sample], drop) => {
          const index = new RuleIndex();
          const model = new Map<string, CompiledPattern>();
          patterns.forEach((p, i) => {
            model.set(`r${i}`, compilePattern(p));
            index.add(`r${i}`, p);
          });
          for (const e of sample) expect(index.match(e)).toEqual(expected(model, e));
          // Remove some rules, then add them back (they go to the end of the order).
          const removed = patterns.map((p, i) => [`r${i}`, p] as const).filter((_, i) => drop[i % Math.max(1, drop.length)] === true);
          for (const [id] of removed) {
            expect(index.remove(id)).toBe(true);
            model.delete(id);
          }
          for (const e of sample) expect(index.match(e)).toEqual(expected(model, e));
          for (const [id, p] of removed) {
            index.add(id, p);
            model.set(id, compilePattern(p));
          }
          for (const e of sample) expect(index.match(e)).toEqual(expected(model, e));
        }),
        { numRuns: 15 },
      );
      expect(matchesSeen).toBeGreaterThan(100);
    });
  }
});
