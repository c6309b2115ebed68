// The direct matcher for anchored runs of character classes must answer exactly as re2js does
// whenever it answers at all, take the shapes rules use, and leave everything else to re2js.
import fc from "fast-check";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { compileSequenceRegex } from "../../src/patterns/sequence-regex.js";
import { matches } from "./support.js";

const atoms = ["a", "b", "-", "_", ":", "0", "\\.", "\\-", "\\$", ".", "\\d", "\\w", "\\s", "\\D", "\\S", "[a-c]", "[^a]", "[-a]", "[b-]", "[\\d_]", "[a-c-e]", "[^\\s]", "[0-9a-z]", "[.]"];
const counts = ["", "", "*", "+", "?", "{2}", "{1,3}", "{2,}", "*?", "{0,2}?", "+?"];
const regex = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...atoms), fc.constantFrom(...counts)), { maxLength: 5 }), fc.boolean())
  .map(([start, items, end]) => `${start ? "^" : ""}${items.map(([atom, count]) => atom + count).join("")}${end ? "$" : ""}`);
/** Values over the atoms' alphabet, with the units RE2 treats apart: newline, tab, vertical tab (not in RE2's `\s`), a non-ASCII letter and an astral one. */
const value = fc.array(fc.constantFrom("a", "b", "c", "e", "-", "_", ":", "0", "7", ".", "$", " ", "\n", "\t", "\v", "é", "\u{1F600}"), { maxLength: 9 }).map((units) => units.join(""));

describe("sequence regexes", () => {
  it("answer as re2js whenever they answer", () => {
    let answered = 0;
    let taken = 0;
    fc.assert(
      fc.property(regex, fc.array(value, { minLength: 1, maxLength: 8 }), (source, values) => {
        const direct = compileSequenceRegex(source);
        if (direct === undefined) return;
        taken++;
        const re2 = RE2JS.compile(source);
        for (const text of values) {
          const answer = direct.test(text);
          if (answer === undefined) continue;
          answered++;
          expect({ source, text, answer }).toEqual({ source, text, answer: re2.test(text) });
        }
      }),
      { numRuns: 3000 },
    );
    // The comparison must have been made often, not skipped by the subset.
    expect(taken).toBeGreaterThan(600);
    expect(answered).toBeGreaterThan(2000);
  });

  it("take the shapes rules use", () => {
    for (const source of ["^payments-api-[0-9a-z]{8,10}-[0-9a-z]{5}$", "^ins-[0-9a-z]{8}$", "^web-\\d+$", "^10\\.0\\.[0-9]{1,3}\\.[0-9]{1,3}$", "^prod-", "^[A-Z]+_[A-Z]+$", "^[^/]+/api$"]) {
      expect(compileSequenceRegex(source), source).toBeDefined();
    }
    const pod = compileSequenceRegex("^payments-api-[0-9a-z]{8,10}-[0-9a-z]{5}$");
    expect(pod?.test("payments-api-7f9c4d8-x2x9q")).toBe(false);
    expect(pod?.test("payments-api-7f9c4d8b6-x2x9q")).toBe(true);
    expect(pod?.test("payments-api-7f9c4d8b6a-x2x9q")).toBe(true);
    expect(pod?.test("payments-api-7f9c4d8b6a-x2x9")).toBe(false);
    expect(pod?.test("payments-api-7f9c4d8b6a-x2x9q ")).toBe(false);
  });

  it("leave to re2js what one greedy pass cannot decide, and what is outside the subset", () => {
    for (const source of ["ins-[0-9]+", "^a*a$", "^[a-z]+[0-9a-z]{5}$", "^a?b?a$", "^(ab)+$", "^a|b$", "(?i)^abc$", "^\\bword$", "^é+$", "^a{1001}$", "^[[:alpha:]]+$", "^[]a]$", "^a{2,1}$", "^a{,3}$", "^a$b"]) {
      expect(compileSequenceRegex(source), source).toBeUndefined();
    }
  });

  it("hand values with non-ASCII units to re2js, which reads code points", () => {
    const any = compileSequenceRegex("^.{2}$");
    expect(any?.test("ab")).toBe(true);
    expect(any?.test("a\u{1F600}")).toBeUndefined();
    // In a pattern, the astral character is one code point, so `.{2}` matches it with "a".
    expect(matches({ s: [{ regex: "^.{2}$" }] }, { s: "a\u{1F600}" })).toBe(true);
    expect(matches({ s: [{ regex: "^.{2}$" }] }, { s: "a\n" })).toBe(false);
  });
});
