// anything-but: with a value, a list, or prefix / suffix / equals-ignore-case / wildcard
// inside. Anything present that is not excluded matches (null, booleans, other types); a
// missing field never does. Grammar errors follow AWS's restrictions.
import { describe, expect, it } from "vitest";
import { matches, problem, rejection } from "./support.js";

describe("anything-but with values", () => {
  it("excludes one string or number", () => {
    expect(matches({ state: [{ "anything-but": "initializing" }] }, { state: "running" })).toBe(true);
    expect(matches({ state: [{ "anything-but": "initializing" }] }, { state: "initializing" })).toBe(false);
    expect(matches({ limit: [{ "anything-but": 123 }] }, { limit: 789 })).toBe(true);
    expect(matches({ limit: [{ "anything-but": 123 }] }, { limit: 123.0 })).toBe(false);
    expect(matches({ limit: [{ "anything-but": 0 }] }, { limit: -0 })).toBe(false);
  });

  it("excludes every value of a list", () => {
    const pattern = { limit: [{ "anything-but": [100, 200, 300] }] };
    expect(matches(pattern, { limit: 999 })).toBe(true);
    expect(matches(pattern, { limit: 300 })).toBe(false);
    expect(matches({ s: [{ "anything-but": ["stopped", "overloaded"] }] }, { s: "stopped" })).toBe(false);
  });

  it("is type-sensitive: values of another type, null and booleans are not excluded", () => {
    expect(matches({ n: [{ "anything-but": "101" }] }, { n: 101 })).toBe(true);
    expect(matches({ n: [{ "anything-but": 101 }] }, { n: "101" })).toBe(true);
    expect(matches({ s: [{ "anything-but": "x" }] }, { s: null })).toBe(true);
    expect(matches({ s: [{ "anything-but": "x" }] }, { s: false })).toBe(true);
  });

  it("never matches a missing field, an empty array or an object", () => {
    expect(matches({ s: [{ "anything-but": "x" }] }, { other: "y" })).toBe(false);
    expect(matches({ s: [{ "anything-but": "x" }] }, { s: [] })).toBe(false);
    expect(matches({ s: [{ "anything-but": "x" }] }, { s: { t: "y" } })).toBe(false);
  });

  it("matches an event array when some element is not excluded", () => {
    expect(matches({ s: [{ "anything-but": "a" }] }, { s: ["a", "b"] })).toBe(true);
    expect(matches({ s: [{ "anything-but": "a" }] }, { s: ["a", "a"] })).toBe(false);
  });
});

describe("anything-but with an operator inside", () => {
  it("prefix and suffix, one or a list", () => {
    expect(matches({ s: [{ "anything-but": { prefix: "init" } }] }, { s: "post-init" })).toBe(true);
    expect(matches({ s: [{ "anything-but": { prefix: "init" } }] }, { s: "init-x" })).toBe(false);
    expect(matches({ s: [{ "anything-but": { prefix: ["init", "post"] } }] }, { s: "post-init" })).toBe(false);
    expect(matches({ f: [{ "anything-but": { suffix: [".txt", ".jpg"] } }] }, { f: "a.txt.bak" })).toBe(true);
    expect(matches({ f: [{ "anything-but": { suffix: [".txt", ".jpg"] } }] }, { f: "a.jpg" })).toBe(false);
    expect(matches({ s: [{ "anything-but": { prefix: "init" } }] }, { s: 12 })).toBe(true);
    expect(matches({ s: [{ "anything-but": { suffix: ".txt" } }] }, { s: null })).toBe(true);
  });

  it("equals-ignore-case, one or a list", () => {
    expect(matches({ s: [{ "anything-but": { "equals-ignore-case": "initializing" } }] }, { s: "INITIALIZING" })).toBe(false);
    expect(matches({ s: [{ "anything-but": { "equals-ignore-case": ["initializing", "stopped"] } }] }, { s: "Stopped" })).toBe(false);
    expect(matches({ s: [{ "anything-but": { "equals-ignore-case": ["initializing", "stopped"] } }] }, { s: "pending" })).toBe(true);
  });

  it("wildcard, one or a list", () => {
    expect(matches({ p: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { p: "/usr/bin/x" })).toBe(true);
    expect(matches({ p: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { p: "/usr/lib/x" })).toBe(false);
    expect(matches({ p: [{ "anything-but": { wildcard: ["*/init/*", "*/dir/*"] } }] }, { p: "dir/init/dir" })).toBe(false);
    expect(matches({ p: [{ "anything-but": { wildcard: "" } }] }, { p: "x" })).toBe(true);
    expect(matches({ p: [{ "anything-but": { wildcard: "*" } }] }, { p: 5 })).toBe(true);
  });
});

describe("anything-but grammar", () => {
  it("rejects null and booleans", () => {
    expect(problem({ s: [{ "anything-but": null }] })).toEqual({
      pointer: "/s/0/anything-but",
      message: "Value of anything-but must be an array or single string/number value (got null)",
    });
    expect(problem({ s: [{ "anything-but": ["a", true] }] })).toEqual({
      pointer: "/s/0/anything-but/1",
      message: "Inside anything but list, only strings or numbers are supported (got true)",
    });
  });

  it("rejects a list mixing strings and numbers, and an empty list", () => {
    expect(problem({ s: [{ "anything-but": ["a", 1] }] })).toEqual({
      pointer: "/s/0/anything-but",
      message: "Inside anything but list, either all values are number or string, mixed type is not supported",
    });
    expect(problem({ s: [{ "anything-but": [] }] }).message).toMatch(/^Empty arrays are not allowed/);
  });

  it("rejects empty prefixes and suffixes, and equals-ignore-case inside them", () => {
    expect(problem({ s: [{ "anything-but": { prefix: "" } }] })).toEqual({
      pointer: "/s/0/anything-but/prefix",
      message: "Null prefix/suffix not allowed: an empty prefix would exclude every string",
    });
    expect(problem({ s: [{ "anything-but": { suffix: ["a", ""] } }] }).pointer).toBe("/s/0/anything-but/suffix/1");
    expect(problem({ s: [{ "anything-but": { prefix: { "equals-ignore-case": "x" } } }] }).message).toBe(
      "prefix/suffix match pattern must be a string (got an object); equals-ignore-case is not supported inside anything-but/prefix",
    );
  });

  it("rejects non-strings inside equals-ignore-case and wildcard, and unknown inner operators", () => {
    expect(problem({ s: [{ "anything-but": { "equals-ignore-case": 123 } }] }).message).toBe("Inside anything-but/equals-ignore-case, only strings are supported (got 123)");
    expect(problem({ s: [{ "anything-but": { wildcard: [123, "*"] } }] })).toEqual({
      pointer: "/s/0/anything-but/wildcard/0",
      message: "wildcard match pattern must be a string (got 123)",
    });
    expect(problem({ s: [{ "anything-but": { numeric: [">", 1] } }] })).toEqual({
      pointer: "/s/0/anything-but/numeric",
      message: "Unsupported anything-but pattern: numeric (use one of prefix, suffix, equals-ignore-case, wildcard)",
    });
    expect(problem({ s: [{ "anything-but": { prefix: "a", suffix: "b" } }] }).message).toBe(
      "anything-but with an object takes exactly one of prefix, suffix, equals-ignore-case, wildcard (got prefix, suffix)",
    );
  });

  it("reports every bad entry of a list", () => {
    expect(rejection({ s: [{ "anything-but": { "equals-ignore-case": [1, 2] } }] }).problems.map((p) => p.pointer)).toEqual([
      "/s/0/anything-but/equals-ignore-case/0",
      "/s/0/anything-but/equals-ignore-case/1",
    ]);
  });
});
