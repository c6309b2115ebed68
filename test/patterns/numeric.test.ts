// numeric: =, >, >=, <, <= and ranges, on JSON numbers only, compared as decimal values;
// every grammar error with its pointer.
import { describe, expect, it } from "vitest";
import { matches, problem } from "./support.js";

describe("numeric", () => {
  it("compares with each operator, bounds inclusive or not", () => {
    const at = (op: string, bound: number, value: number) => matches({ v: [{ numeric: [op, bound] }] }, { v: value });
    expect([at("<", 200, 199), at("<", 200, 200), at("<=", 200, 200), at("<=", 200, 201)]).toEqual([true, false, true, false]);
    expect([at(">", 200, 201), at(">", 200, 200), at(">=", 200, 200), at(">=", 200, 199)]).toEqual([true, false, true, false]);
    expect([at("=", 5, 5), at("=", 5, 5.000001), at("=", 0, -0)]).toEqual([true, false, true]);
  });

  it("matches ranges with either end open or closed", () => {
    const range = (lowOp: string, lo: number, highOp: string, hi: number, value: number) => matches({ v: [{ numeric: [lowOp, lo, highOp, hi] }] }, { v: value });
    expect([range(">", 0, "<=", 5, 0), range(">", 0, "<=", 5, 0.5), range(">", 0, "<=", 5, 5), range(">", 0, "<=", 5, 5.01)]).toEqual([false, true, true, false]);
    expect([range(">=", 200, "<", 500, 200), range(">=", 200, "<", 500, 500)]).toEqual([true, false]);
    expect(range(">=", 7, "<=", 7, 7)).toBe(true);
  });

  it("compares decimals without float artefacts", () => {
    expect(matches({ v: [{ numeric: ["=", 301.8] }] }, { v: 3.018e2 })).toBe(true);
    expect(matches({ v: [{ numeric: [">", 0.3] }] }, JSON.parse('{"v": 0.30000000000001}'))).toBe(true);
    expect(matches({ v: [{ numeric: ["<=", 0.1] }] }, JSON.parse('{"v": 0.1}'))).toBe(true);
    expect(matches({ v: [{ numeric: [">", 100] }] }, JSON.parse('{"v": 101.0}'))).toBe(true);
    expect(matches({ v: [{ numeric: [">", 5e9] }] }, { v: 1e10 })).toBe(true);
    expect(matches({ v: [{ numeric: ["<", -1.5e-7] }] }, { v: -2e-7 })).toBe(true);
    expect(matches({ account: [{ numeric: ["=", 123456789012] }] }, { account: 123456789012 })).toBe(true);
  });

  it("never matches strings, null, booleans or missing fields", () => {
    for (const v of ["300", null, true]) expect(matches({ v: [{ numeric: [">", 100] }] }, { v })).toBe(false);
    expect(matches({ v: [{ numeric: [">", 100] }] }, {})).toBe(false);
  });

  it("matches an event array when any element is in range", () => {
    expect(matches({ v: [{ numeric: [">", 10] }] }, { v: [1, "20", 11] })).toBe(true);
    expect(matches({ v: [{ numeric: [">", 10] }] }, { v: [1, "20"] })).toBe(false);
  });

  it("is an alternative like any other in a list", () => {
    const pattern = { n: [{ numeric: [">", 100] }, { "anything-but": "101" }] };
    expect(matches(pattern, { n: "42" })).toBe(true);
    expect(matches(pattern, { n: "101" })).toBe(false);
    expect(matches(pattern, { n: 101 })).toBe(true);
  });
});

describe("numeric grammar", () => {
  it("needs a list", () => {
    expect(problem({ c: [{ numeric: 10 }] })).toEqual({ pointer: "/c/0/numeric", message: 'Value of numeric must be an array, e.g. [">", 0, "<=", 5] (got 10)' });
  });

  it("needs an operator first, and a known one", () => {
    expect(problem({ c: [{ numeric: [] }] }).message).toBe('numeric must start with an operator (=, >, >=, <, <=), e.g. [">", 0] (got an empty list)');
    expect(problem({ c: [{ numeric: [5, ">"] }] }).pointer).toBe("/c/0/numeric/0");
    expect(problem({ c: [{ numeric: ["!=", 5] }] })).toEqual({ pointer: "/c/0/numeric/0", message: "Unrecognized numeric range operator: != (use =, >, >=, <, <=)" });
  });

  it("needs numbers after operators", () => {
    expect(problem({ c: [{ numeric: [">", "5"] }] })).toEqual({ pointer: "/c/0/numeric/1", message: 'Value of > must be numeric (got "5")' });
    expect(problem({ c: [{ numeric: [">", 0, "<"] }] })).toEqual({ pointer: "/c/0/numeric/3", message: "Value of < must be numeric (got nothing)" });
  });

  it("takes a range only as a lower then an upper bound", () => {
    expect(problem({ c: [{ numeric: [">", 0, ">", 0] }] })).toEqual({ pointer: "/c/0/numeric/2", message: "Bad numeric range operator: > (the upper end of a range is < or <=)" });
    expect(problem({ c: [{ numeric: ["<", 5, ">", 1] }] }).message).toMatch(/^Too many elements in numeric expression: after "<" nothing may follow/);
    expect(problem({ c: [{ numeric: ["=", 5, "<", 6] }] }).pointer).toBe("/c/0/numeric/2");
    expect(problem({ c: [{ numeric: [">", 0, "<", 5, 6] }] }).pointer).toBe("/c/0/numeric/4");
  });

  it("rejects empty ranges", () => {
    expect(problem({ c: [{ numeric: [">", 10, "<", 5] }] })).toEqual({ pointer: "/c/0/numeric", message: "numeric range is empty: no number is > 10 and < 5" });
    expect(problem({ c: [{ numeric: [">=", 5, "<", 5] }] }).message).toBe("numeric range is empty: no number is >= 5 and < 5");
  });

  it("is lower-case", () => {
    expect(problem({ c: [{ NUMERIC: ["=", 5] }] })).toEqual({ pointer: "/c/0/NUMERIC", message: 'Unrecognized match type NUMERIC: operators are lower-case, write "numeric"' });
  });
});
