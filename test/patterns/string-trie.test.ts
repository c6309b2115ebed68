// The radix trie behind prefix, suffix, wildcard and regex lookups in the rule index: after any
// sequence of additions and removals, a lookup must find exactly the targets of the stored keys
// that are prefixes (or suffixes) of the text, as a plain list of keys would.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StringTrie, type Sink } from "../../src/patterns/string-trie.js";

interface Target {
  readonly name: string;
}

/** Short keys over a tiny alphabet share runs and split edges; a surrogate pair tests code units. */
const key = fc.array(fc.constantFrom("a", "b", "c", "-", "\u{1F600}"), { maxLength: 6 }).map((parts) => parts.join(""));
const targets = Array.from({ length: 6 }, (_, i): Target => ({ name: `t${i}` }));
const target = fc.constantFrom(...targets);
/**
 * Short keys over a wide alphabet give nodes more children than a short scan holds, branching on
 * printable ASCII (kept in an array by code unit), on both ends of that range and beyond it.
 */
const wideKey = fc
  .array(fc.constantFrom("a", "b", "c", "d", "e", "0", "9", " ", "~", "\u001f", "\u007f", "é", "中", "\u{1F600}"), { maxLength: 3 })
  .map((parts) => parts.join(""));
/** Keys of two lengths only, so lookups go by hash (keys-by-length.ts) until a third length comes and goes. */
const twoLengthKey = fc.oneof(
  { weight: 10, arbitrary: fc.array(fc.constantFrom("a", "b", "c"), { minLength: 2, maxLength: 2 }).map((parts) => parts.join("")) },
  { weight: 10, arbitrary: fc.array(fc.constantFrom("a", "b", "-"), { minLength: 4, maxLength: 4 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.constantFrom("", "ab-") },
);
/** Keys of up to seven lengths, a hundred of them: deep tries, with a bit filter beside their by-length view. */
const manyLengthKey = fc.array(fc.constantFrom("a", "b", "-"), { minLength: 1, maxLength: 7 }).map((parts) => parts.join(""));
const commandsOver = (keys: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant("add" as const), key: keys, target }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("remove" as const), key: keys, target }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("collect" as const), text: keys }) },
  );

function collected(trie: StringTrie<Target>, text: string): string[] {
  const found: string[] = [];
  const sink: Sink<Target> = { visit: (t) => found.push(t.name) };
  trie.collect(text, sink);
  return found.sort();
}

function expected(model: readonly (readonly [string, Target])[], text: string, fromEnd: boolean): string[] {
  return model
    .filter(([k]) => (fromEnd ? text.endsWith(k) : text.startsWith(k)))
    .map(([, t]) => t.name)
    .sort();
}

type Command = { op: "add" | "remove"; key: string; target: Target } | { op: "collect"; text: string };

/**
 * Applies the commands to a trie and to a plain list of keys, checking each lookup (of the
 * text made from the command's) against the list; returns both.
 */
function replay(commands: readonly Command[], fromEnd: boolean, textOf: (text: string) => string): { trie: StringTrie<Target>; model: [string, Target][] } {
  const trie = new StringTrie<Target>(fromEnd);
  const model: [string, Target][] = [];
  for (const c of commands) {
    if (c.op === "collect") {
      expect(collected(trie, textOf(c.text))).toEqual(expected(model, textOf(c.text), fromEnd));
    } else if (c.op === "add") {
      trie.add(c.key, c.target);
      model.push([c.key, c.target]);
    } else {
      trie.remove(c.key, c.target);
      const i = model.findIndex(([k, t]) => k === c.key && t === c.target);
      if (i >= 0) model.splice(i, 1);
    }
  }
  return { trie, model };
}

describe("StringTrie", () => {
  for (const [fromEnd, alphabet, keys] of [
    [false, "a small", key],
    [true, "a small", key],
    [false, "a wide", wideKey],
    [true, "a wide", wideKey],
    [false, "a two-length", twoLengthKey],
    [true, "a two-length", twoLengthKey],
  ] as const) {
    it(`finds exactly the stored ${fromEnd ? "suffixes" : "prefixes"} of a text through additions and removals (${alphabet} alphabet)`, () => {
      fc.assert(
        fc.property(fc.array(commandsOver(keys), { minLength: 1, maxLength: 120 }), (commands) => {
          const { trie, model } = replay(commands, fromEnd, (text) => text);
          for (const [k] of model) expect([...(trie.find(k) ?? [])].map((t) => t.name).sort()).toEqual(model.filter(([m]) => m === k).map(([, t]) => t.name).sort());
          for (const [k, t] of [...model]) trie.remove(k, t);
          expect(trie.isEmpty).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  for (const fromEnd of [false, true]) {
    it(`finds exactly the stored ${fromEnd ? "suffixes" : "prefixes"} of a text among a hundred keys of many lengths`, () => {
      fc.assert(
        fc.property(fc.array(commandsOver(manyLengthKey), { minLength: 200, maxLength: 500 }), (commands) => {
          replay(commands, fromEnd, (text) => `${text}${text}`);
        }),
        { numRuns: 40 },
      );
    });
  }

  it("answers for a single key, before and after other keys come and go", () => {
    for (const fromEnd of [false, true]) {
      const trie = new StringTrie<Target>(fromEnd);
      const [t0, t1, t2] = targets as [Target, Target, Target];
      const owner: Record<string, Target> = { "ab\u{1F600}c": t0, abd: t1, cba: t0, "": t2 };
      const around = (key: string) => (fromEnd ? `x-${key}` : `${key}-x`);
      const check = (present: readonly string[]) => {
        for (const [key, target] of Object.entries(owner)) expect(collected(trie, around(key)).includes(target.name), `${fromEnd} ${key}`).toBe(present.includes(key));
      };
      trie.add("ab\u{1F600}c", t0);
      check(["ab\u{1F600}c"]);
      trie.add("abd", t1);
      trie.add("abd", t0);
      check(["ab\u{1F600}c", "abd"]);
      trie.remove("abd", t1);
      trie.remove("abd", t0);
      check(["ab\u{1F600}c"]);
      trie.add("", t2);
      trie.remove("ab\u{1F600}c", t0);
      check([""]);
      trie.remove("", t2);
      expect(trie.isEmpty).toBe(true);
    }
  });

  it("finds children of a wide node on both sides of the printable ASCII range and beyond it", () => {
    for (const fromEnd of [false, true]) {
      const trie = new StringTrie<Target>(fromEnd);
      const units = ["\u0000", "\u001f", " ", "!", "0", "A", "z", "}", "~", "\u007f", "é", "中", "\u{1F600}"];
      units.forEach((unit, i) => trie.add(`${unit}k`, targets[i % targets.length] as Target));
      units.forEach((unit, i) => {
        const text = fromEnd ? `more-${unit}k` : `${unit}k-more`;
        expect(collected(trie, text), `unit ${JSON.stringify(unit)}`).toEqual([(targets[i % targets.length] as Target).name]);
      });
      units.forEach((unit, i) => trie.remove(`${unit}k`, targets[i % targets.length] as Target));
      expect(trie.isEmpty).toBe(true);
    }
  });

  it("switches a node with many children to a map and keeps finding them", () => {
    const trie = new StringTrie<Target>(false);
    const letters = "abcdefghijklmnopqrstuvwxyz";
    for (const [i, letter] of [...letters].entries()) trie.add(`x${letter}`, targets[i % targets.length] as Target);
    expect(collected(trie, "xq-anything")).toEqual([(targets[16 % targets.length] as Target).name]);
    for (const [i, letter] of [...letters].entries()) trie.remove(`x${letter}`, targets[i % targets.length] as Target);
    expect(trie.isEmpty).toBe(true);
  });
});
