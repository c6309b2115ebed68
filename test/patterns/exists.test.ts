// exists: true matches any present leaf (null included), false matches an absent field.
// Leaves only: a field holding an object or an empty array is not a present leaf.
import { describe, expect, it } from "vitest";
import { matches, problem } from "./support.js";

describe("exists", () => {
  it("true matches any present leaf value, null included", () => {
    for (const v of ["x", "", 0, false, null, ["a"]]) expect(matches({ d: { v: [{ exists: true }] } }, { d: { v } })).toBe(true);
    expect(matches({ d: { v: [{ exists: true }] } }, { d: {} })).toBe(false);
  });

  it("true does not match an object or an empty array", () => {
    expect(matches({ d: { v: [{ exists: true }] } }, { d: { v: { S: "x" } } })).toBe(false);
    expect(matches({ d: { v: { S: [{ exists: true }] } } }, { d: { v: { S: "x" } } })).toBe(true);
    expect(matches({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
  });

  it("false matches a missing field at any depth, and an object or empty array", () => {
    expect(matches({ a: { b: { c: [{ exists: false }] } } }, { a: { x: 1 } })).toBe(true);
    expect(matches({ a: { b: { c: [{ exists: false }] } } }, { a: { b: { c: "here" } } })).toBe(false);
    expect(matches({ a: { b: { c: [{ exists: false }] } } }, { a: { b: { c: null } } })).toBe(false);
    expect(matches({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
    expect(matches({ a: [{ exists: false }] }, { a: [] })).toBe(true);
  });

  it("false on its own matches every event lacking the field", () => {
    expect(matches({ error: [{ exists: false }] }, { source: "s" })).toBe(true);
    expect(matches({ error: [{ exists: false }] }, { error: "boom" })).toBe(false);
  });

  it("false combines with other alternatives of the list", () => {
    const pattern = { img: { S: [{ "anything-but": ["roses"] }, { exists: false }] } };
    expect(matches(pattern, { img: { S: "ABCD" } })).toBe(true);
    expect(matches(pattern, { img: { N: "1" } })).toBe(true);
    expect(matches(pattern, { other: 1 })).toBe(true);
    expect(matches(pattern, { img: { S: "roses" } })).toBe(false);
  });

  it("false is about the whole event, even inside arrays", () => {
    expect(matches({ items: { id: [{ exists: false }] } }, { items: [{ name: "a" }, { id: 1 }] })).toBe(false);
    expect(matches({ items: { id: [{ exists: false }] } }, { items: [{ name: "a" }] })).toBe(true);
  });

  it("true with an array of objects matches when any element has the field", () => {
    expect(matches({ d: { auto: { id: [{ exists: true }] } } }, { d: { auto: [{ k: 1 }, { id: "x" }, { k: 2 }] } })).toBe(true);
  });

  it("takes only true or false, lower-case", () => {
    expect(problem({ a: [{ exists: "true" }] })).toEqual({ pointer: "/a/0/exists", message: 'exists match pattern must be either true or false (got "true")' });
    expect(problem({ a: [{ EXISTS: true }] })).toEqual({ pointer: "/a/0/EXISTS", message: 'Unrecognized match type EXISTS: operators are lower-case, write "exists"' });
  });
});
