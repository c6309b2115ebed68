// wildcard: `*` for any run of characters, `\*` and `\\` escapes, `**` and other escapes
// rejected with the position, the AWS complexity cap, strings only.
import { describe, expect, it } from "vitest";
import { RuleIndex } from "../../src/patterns/index.js";
import { matches, problem } from "./support.js";

describe("wildcard", () => {
  it("matches any run of characters, including none", () => {
    const pattern = { arn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] };
    expect(matches(pattern, { arn: "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus" })).toBe(true);
    expect(matches(pattern, { arn: "arn:aws:events:us-east-1::event-bus/" })).toBe(true);
    expect(matches(pattern, { arn: "arn:aws:events:us-west-2:1:event-bus/x" })).toBe(false);
    expect(matches({ f: [{ wildcard: "*.png" }] }, { f: "a.png" })).toBe(true);
    expect(matches({ f: [{ wildcard: "dir/*" }] }, { f: "dir/" })).toBe(true);
    expect(matches({ f: [{ wildcard: "*" }] }, { f: "" })).toBe(true);
  });

  it("needs the literal parts in order and without overlap", () => {
    expect(matches({ f: [{ wildcard: "/Users/*/doc.txt" }] }, { f: "/Users/u/dir/dir/doc.txt" })).toBe(true);
    expect(matches({ f: [{ wildcard: "/Users/*/dir/dir/doc.txt" }] }, { f: "/Users/u/dir/dir/doc.txt" })).toBe(true);
    expect(matches({ f: [{ wildcard: "/Users/*/dir/dir/doc.txt" }] }, { f: "/Users/u/dir/doc.txt" })).toBe(false);
    expect(matches({ f: [{ wildcard: "ab*ba" }] }, { f: "aba" })).toBe(false);
    expect(matches({ f: [{ wildcard: "a*b*c" }] }, { f: "acb" })).toBe(false);
    expect(matches({ f: [{ wildcard: "a*b*c" }] }, { f: "abbc" })).toBe(true);
  });

  it("answers as the simpler operator it says: exact without a star, prefix or suffix with one at an end", () => {
    const texts: unknown[] = ["web-1", "web-", "web", "1-web", "-web-", "web-*", "x*", "", 5, true, null, ["web-2", "db-1"]];
    const same: [string, object][] = [
      ["web-*", { prefix: "web-" }],
      ["*-web", { suffix: "-web" }],
      ["web-\\*", ["web-*"]],
      ["web", ["web"]],
      ["*", { prefix: "" }],
      ["\\**", { prefix: "*" }],
    ];
    for (const [glob, simpler] of same) {
      for (const text of texts) {
        const expected = matches({ f: Array.isArray(simpler) ? simpler : [simpler] }, { f: text });
        expect(matches({ f: [{ wildcard: glob }] }, { f: text }), `${glob} on ${JSON.stringify(text)}`).toBe(expected);
      }
      // Side by side in one index with the simpler form (they share its states), each rule answers for itself.
      const index = new RuleIndex();
      index.add("glob", { f: [{ wildcard: glob }] });
      index.add("simpler", { f: Array.isArray(simpler) ? simpler : [simpler], g: ["x"] });
      for (const text of texts) {
        const expected = matches({ f: Array.isArray(simpler) ? simpler : [simpler] }, { f: text });
        expect(index.match({ f: text, g: "x" })).toEqual(expected ? ["glob", "simpler"] : []);
        expect(index.match({ f: text })).toEqual(expected ? ["glob"] : []);
      }
    }
  });

  it("without a star is an exact match; the empty wildcard matches only the empty string", () => {
    expect(matches({ f: [{ wildcard: "abc" }] }, { f: "abc" })).toBe(true);
    expect(matches({ f: [{ wildcard: "abc" }] }, { f: "abcd" })).toBe(false);
    expect(matches({ f: [{ wildcard: "" }] }, { f: "" })).toBe(true);
    expect(matches({ f: [{ wildcard: "" }] }, { f: "x" })).toBe(false);
  });

  it("reads \\* as a literal star and \\\\ as a literal backslash", () => {
    expect(matches({ f: [{ wildcard: "a\\*b" }] }, { f: "a*b" })).toBe(true);
    expect(matches({ f: [{ wildcard: "a\\*b" }] }, { f: "axb" })).toBe(false);
    expect(matches({ f: [{ wildcard: "a\\\\*" }] }, { f: "a\\anything" })).toBe(true);
    expect(matches({ f: [{ wildcard: "a\\**" }] }, { f: "a*xyz" })).toBe(true);
  });

  it("matches only strings", () => {
    expect(matches({ f: [{ wildcard: "*" }] }, { f: 1 })).toBe(false);
    expect(matches({ f: [{ wildcard: "*" }] }, { f: null })).toBe(false);
  });

  it("rejects ** with its position, other escapes, too many stars and non-strings", () => {
    expect(problem({ a: [{ wildcard: "arn:aws:events:us-east-1:**:event-bus/*" }] })).toEqual({
      pointer: "/a/0/wildcard",
      message: "Consecutive wildcard characters at pos 26: one * already matches any run of characters",
    });
    expect(problem({ a: [{ wildcard: "a\\d" }] }).message).toMatch(/^Invalid escape character at pos 2: /);
    expect(problem({ a: [{ wildcard: "trailing\\" }] }).message).toMatch(/^Invalid escape character at pos 9: /);
    expect(problem({ a: [{ wildcard: "*:*:*:*:*:event-bus/*" }] }).message).toMatch(/^Rule is too complex - try using fewer wildcard characters/);
    expect(matches({ a: [{ wildcard: "*:*:*:*:*:x" }] }, { a: "1:2:3:4:5:x" })).toBe(true);
    expect(problem({ a: [{ wildcard: 123 }] })).toEqual({ pointer: "/a/0/wildcard", message: "wildcard match pattern must be a string (got 123)" });
  });
});
