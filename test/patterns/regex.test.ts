// The regex extension: RE2 syntax, search semantics, strings only, linear time on hostile
// input, reflex dialect only, and its errors.
import { describe, expect, it } from "vitest";
import { compilePattern, PATTERN_LIMITS } from "../../src/patterns/index.js";
import { literalPrefix } from "../../src/patterns/regex.js";
import { matches, problem } from "./support.js";

describe("regex", () => {
  it("searches string values; anchors make it a whole-value match", () => {
    expect(matches({ subject: [{ regex: "ins-[0-9a-z]{8}" }] }, { subject: "cvm ins-1a2b3c4d" })).toBe(true);
    expect(matches({ subject: [{ regex: "^ins-[0-9a-z]{8}$" }] }, { subject: "cvm ins-1a2b3c4d" })).toBe(false);
    expect(matches({ subject: [{ regex: "^ins-[0-9a-z]{8}$" }] }, { subject: "ins-1a2b3c4d" })).toBe(true);
    expect(matches({ msg: [{ regex: "(?i)disk (full|readonly)" }] }, { msg: "DISK READONLY on /data" })).toBe(true);
  });

  it("matches only strings", () => {
    expect(matches({ n: [{ regex: "4" }] }, { n: 42 })).toBe(false);
    expect(matches({ n: [{ regex: "null" }] }, { n: null })).toBe(false);
  });

  it("runs in linear time: (a+)+$ against 50 KB returns at once", () => {
    const pattern = compilePattern({ s: [{ regex: "(a+)+$" }] });
    const hostile = { s: `${"a".repeat(50_000)}b` };
    const started = performance.now();
    expect(pattern.matches(hostile)).toBe(false);
    expect(pattern.matches({ s: "a".repeat(50_000) })).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("rejects what RE2 does not compile, non-strings and over-long expressions", () => {
    expect(problem({ s: [{ regex: "(a" }] }).message).toMatch(/^regex does not compile \(RE2 syntax: no backreferences or lookaround\): .*missing closing \)/);
    expect(problem({ s: [{ regex: "(a)\\1" }] }).pointer).toBe("/s/0/regex");
    expect(problem({ s: [{ regex: "(?=a)" }] }).message).toMatch(/^regex does not compile/);
    expect(problem({ s: [{ regex: 5 }] })).toEqual({ pointer: "/s/0/regex", message: "regex match pattern must be a string (got 5)" });
    expect(problem({ s: [{ regex: "a".repeat(PATTERN_LIMITS.maxRegexLength + 1) }] }).message).toBe(
      `regex is ${PATTERN_LIMITS.maxRegexLength + 1} characters long; the limit is ${PATTERN_LIMITS.maxRegexLength}`,
    );
  });

  it("is not part of the eventbridge dialect", () => {
    expect(problem({ s: [{ regex: "a" }] }, { dialect: "eventbridge" })).toEqual({
      pointer: "/s/0/regex",
      message: "Unrecognized match type regex: regex is a Reflex extension, not available in the eventbridge dialect",
    });
  });

  it("knows the literal prefix of an anchored regex, and claims none when unsure", () => {
    expect(literalPrefix("^payments-api-[0-9a-z]{8,10}-[0-9a-z]{5}$")).toBe("payments-api-");
    expect(literalPrefix("^ins-1$")).toBe("ins-1");
    expect(literalPrefix("^abc*")).toBe("ab");
    expect(literalPrefix("^abc?d")).toBe("ab");
    expect(literalPrefix("^abc{0,2}")).toBe("ab");
    expect(literalPrefix("^abc+")).toBe("abc");
    expect(literalPrefix("^a\\.b")).toBe("a");
    expect(literalPrefix("^ab(c|d)")).toBe("");
    expect(literalPrefix("^ab|cd")).toBe("");
    expect(literalPrefix("ab")).toBe("");
    expect(literalPrefix("(?i)^ab")).toBe("");
    expect(literalPrefix("^(?i)ab")).toBe("");
    expect(literalPrefix("^x\u{1F600}*")).toBe("x");
    expect(literalPrefix("^*")).toBe("");
  });

  it("is found by its literal prefix in the rule index and still confirmed by the automaton", () => {
    const pattern = { pod: [{ regex: "^payments-api-[0-9a-z]{3}$" }] };
    expect(matches(pattern, { pod: "payments-api-x1z" })).toBe(true);
    expect(matches(pattern, { pod: "payments-api-x1z9" })).toBe(false);
    expect(matches(pattern, { pod: "payments-apx-x1z" })).toBe(false);
    expect(matches({ pod: [{ regex: "^pay(?i)MENTS" }] }, { pod: "payments" })).toBe(true);
    expect(matches({ pod: [{ regex: "^ab?c" }] }, { pod: "ac" })).toBe(true);
  });
});
