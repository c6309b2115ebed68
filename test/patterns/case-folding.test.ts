// Ignore-case comparisons that fold an event value unit by unit while it is ASCII (and fold it
// whole at the first other unit) must answer exactly as comparing the whole folded value does,
// in the matchers and in the folding tries of the rule index.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldCase, foldedEndsWith, foldedEquals, foldedStartsWith } from "../../src/patterns/case-folding.js";
import { StringTrie } from "../../src/patterns/string-trie.js";

/**
 * ASCII of both cases beside code points whose folds are not ASCII-like: the Kelvin sign and
 * long s fold to ASCII letters, ẞ and ß, final and capital sigma, İ (whose lower case is two
 * code points), and a Deseret capital (an astral letter with a lower case).
 */
const units = ["a", "A", "k", "K", "s", "S", "-", "1", "\u212a", "\u017f", "ẞ", "ß", "ς", "Σ", "σ", "İ", "i", "\u{10400}", "\u{10428}"];
const text = fc.array(fc.constantFrom(...units), { maxLength: 6 }).map((parts) => parts.join(""));

describe("folded comparisons", () => {
  it("rely on folds keeping every code point's UTF-16 length", () => {
    const changed: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (foldCase(ch).length !== ch.length) changed.push(cp);
    }
    expect(changed).toEqual([]);
  });

  it("agree with comparing the folded value", () => {
    fc.assert(
      fc.property(text, text, (value, other) => {
        const folded = foldCase(other);
        expect(foldedEquals(value, folded)).toBe(foldCase(value) === folded);
        expect(foldedStartsWith(value, folded)).toBe(foldCase(value).startsWith(folded));
        expect(foldedEndsWith(value, folded)).toBe(foldCase(value).endsWith(folded));
      }),
      { numRuns: 2000 },
    );
  });

  it("fold non-ASCII code points that fold to ASCII letters", () => {
    expect(foldedEquals("\u212aUBE", "kube")).toBe(true);
    expect(foldedStartsWith("kube-\u017fystem", "kube-s")).toBe(true);
    expect(foldedEndsWith("KUBE-\u017f", "-s")).toBe(true);
    expect(foldedEquals("kube", "kubes")).toBe(false);
  });
});

describe("a folding StringTrie", () => {
  for (const fromEnd of [false, true]) {
    it(`finds the folded keys that ${fromEnd ? "end" : "start"} the fold of a text`, () => {
      fc.assert(
        fc.property(fc.uniqueArray(text, { maxLength: 12 }), fc.array(text, { maxLength: 12 }), (keys, texts) => {
          const trie = new StringTrie<string>(fromEnd, true);
          const folded = [...new Set(keys.map(foldCase))];
          for (const key of folded) trie.add(key, key);
          for (const value of texts) {
            const found: string[] = [];
            trie.collect(value, { visit: (key) => found.push(key) });
            const foldedValue = foldCase(value);
            const want = folded.filter((key) => (fromEnd ? foldedValue.endsWith(key) : foldedValue.startsWith(key)));
            expect(found.sort()).toEqual(want.sort());
          }
        }),
        { numRuns: 1000 },
      );
    });
  }
});
