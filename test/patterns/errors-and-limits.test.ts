// How invalid patterns are reported: PatternError's shape (code, status, pointer, all
// problems), validatePattern never throwing, the structural errors, and every stated limit.
import { describe, expect, it } from "vitest";
import { ReflexError } from "../../src/core/errors.js";
import { PATTERN_LIMITS, PatternError, RuleIndex, compilePattern, validatePattern } from "../../src/patterns/index.js";
import { problem, rejection } from "./support.js";

describe("PatternError", () => {
  it("is a ReflexError with code, status, pointer and every problem", () => {
    const err = rejection({ a: [], b: [{ prefix: 1 }], c: { d: [{ nope: 1 }] } });
    expect(err).toBeInstanceOf(ReflexError);
    expect(err.code).toBe("invalid_pattern");
    expect(err.status).toBe(400);
    expect(err.location).toEqual({ pointer: "/a" });
    expect(err.problems.map((p) => p.pointer)).toEqual(["/a", "/b/0/prefix", "/c/d/0/nope"]);
    expect(err.message).toBe("Event pattern is not valid at /a: Empty arrays are not allowed: a match list needs at least one value or operator (and 2 more problems)");
  });

  it("escapes pointer segments", () => {
    expect(problem({ "a/b": { "c~d": [] } }).pointer).toBe("/a~1b/c~0d");
  });
});

describe("validatePattern", () => {
  it("returns [] for a valid pattern and problems otherwise, never throwing", () => {
    expect(validatePattern({ source: ["x"] })).toEqual([]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(validatePattern(cyclic)[0]?.message).toMatch(/^pattern is not JSON: /);
    let reads = 0;
    const flaky = {
      get source() {
        if (reads++ > 0) throw new Error("boom");
        return ["x"];
      },
    };
    expect(validatePattern(flaky)).toEqual([{ pointer: "", message: "pattern could not be read: boom" }]);
  });
});

describe("structure", () => {
  it("needs an object at the root", () => {
    for (const pattern of [[{ a: [1] }], "source", 1, null, undefined]) {
      expect(validatePattern(pattern)[0]?.message).toMatch(/^Filter is not an object: an event pattern is a JSON object/);
    }
  });

  it("rejects empty objects and empty lists", () => {
    expect(problem({})).toEqual({ pointer: "", message: 'Empty objects are not allowed: a pattern needs at least one field; {"id": [{"exists": true}]} matches every event' });
    expect(problem({ detail: {} }).pointer).toBe("/detail");
    expect(problem({ resources: [] })).toEqual({ pointer: "/resources", message: "Empty arrays are not allowed: a match list needs at least one value or operator" });
  });

  it("rejects nested lists, non-JSON values and operator objects with zero or several keys", () => {
    expect(problem({ a: [["x"]] })).toEqual({ pointer: "/a/0", message: "Match value must be String, number, true, false, null or an operator object; lists do not nest" });
    expect(problem({ a: [Number.NaN] }).message).toBe("Match value must be a finite number (got NaN)");
    expect(problem({ a: undefined }).message).toBe('"a" must be an object or an array (got undefined (not JSON))');
    expect(problem({ a: [() => 1] }).message).toBe("Match value must be String, number, true, false, null or an operator object (got a function (not JSON))");
    expect(problem({ a: [{}] }).message).toMatch(/^Match expression name not found/);
    expect(problem({ a: [{ prefix: "x", suffix: "y" }] })).toEqual({
      pointer: "/a/0",
      message: "Only one key allowed in match expression (got prefix, suffix); put each operator in its own object of the list",
    });
  });

  it("names the known operators when one is unknown", () => {
    expect(problem({ a: [{ contains: "x" }] }).message).toBe(
      "Unrecognized match type contains (known: prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr, regex)",
    );
  });
});

describe("limits", () => {
  it("caps the pattern's JSON size", () => {
    const big = { a: ["x".repeat(PATTERN_LIMITS.maxPatternBytes)] };
    expect(problem(big).message).toMatch(new RegExp(`^pattern is more than \\d+ bytes of JSON; the limit is ${PATTERN_LIMITS.maxPatternBytes}$`));
    const multibyte = { a: ["é".repeat(PATTERN_LIMITS.maxPatternBytes / 2)] };
    expect(problem(multibyte).message).toMatch(/^pattern is \d+ bytes of JSON/);
  });

  it("caps nesting depth", () => {
    let deep: Record<string, unknown> = { leaf: [1] };
    for (let i = 0; i < PATTERN_LIMITS.maxDepth; i++) deep = { n: deep };
    const found = problem(deep);
    expect(found.message).toBe(`pattern nests deeper than ${PATTERN_LIMITS.maxDepth} levels`);
    expect(found.pointer.split("/").length - 1).toBe(PATTERN_LIMITS.maxDepth);
  });

  it("caps values per list", () => {
    const values = Array.from({ length: PATTERN_LIMITS.maxListValues + 1 }, (_, i) => `ins-${i}`);
    expect(problem({ subject: values })).toEqual({ pointer: "/subject", message: `list has ${values.length} values; the limit is ${PATTERN_LIMITS.maxListValues}` });
    expect(problem({ subject: [{ "anything-but": values }] }).pointer).toBe("/subject/0/anything-but");
    expect(validatePattern({ subject: values.slice(1) })).toEqual([]);
  });

  it("caps $or combinations after expansion, pointing at the $or that passes the cap", () => {
    const tens = (name: string) => Array.from({ length: 10 }, (_, i) => ({ [name]: [i] }));
    const within = { a: { $or: tens("x") }, b: { $or: tens("y") }, c: { $or: tens("z") } };
    expect(validatePattern(within)).toEqual([]);
    const over = { ...within, d: { $or: [{ w: [1] }, { w: [2] }] } };
    expect(problem(over)).toEqual({
      pointer: "/d/$or",
      message: `pattern expands to more than ${PATTERN_LIMITS.maxCombinations} combinations of $or alternatives; split it into several rules or factor common fields out of the $or`,
    });
    expect(compilePattern(within).matches({ a: { x: 3 }, b: { y: 9 }, c: { z: 0 } })).toBe(true);
  });

  it("leave a RuleIndex unchanged when a pattern is rejected", () => {
    const index = new RuleIndex();
    index.add("keep", { source: ["a"] });
    expect(() => index.add("keep", { source: [] })).toThrow(PatternError);
    expect(index.size).toBe(1);
    expect(index.match({ source: "a" })).toEqual(["keep"]);
  });
});
