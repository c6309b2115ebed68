// $or (nestable, at any level, multiplied out into alternatives) and array consistency: fields
// matched inside objects of one event array must come from the same element.
import { describe, expect, it } from "vitest";
import { matches, problem } from "./support.js";

describe("$or", () => {
  const pattern = {
    detail: {
      $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }, { "x-limit": [{ numeric: ["=", 3.018e2] }] }],
    },
  };

  it("matches when any alternative does", () => {
    expect(matches(pattern, { detail: { "c-count": 0, "d-count": 0, "x-limit": 901.8 } })).toBe(true);
    expect(matches(pattern, { detail: { "c-count": 0, "d-count": 10, "x-limit": 301.8 } })).toBe(true);
    expect(matches(pattern, { detail: { "c-count": 0, "d-count": 10, "x-limit": 901.8 } })).toBe(false);
  });

  it("ANDs each alternative with the fields around it", () => {
    const p = { source: ["aws.cloudwatch"], $or: [{ metricName: ["CPUUtilization"] }, { namespace: ["AWS/EC2"], metricType: ["MetricType"] }] };
    expect(matches(p, { source: "aws.cloudwatch", namespace: "AWS/EC2", metricType: "MetricType" })).toBe(true);
    expect(matches(p, { source: "aws.cloudwatch", namespace: "AWS/EC2" })).toBe(false);
    expect(matches(p, { source: "other", metricName: "CPUUtilization" })).toBe(false);
  });

  it("nests, and multiplies out sibling $or groups", () => {
    const p = {
      $or: [{ a: [1] }, { $or: [{ b: [2] }, { c: { $or: [{ d: [3] }, { e: [4] }] } }] }],
      x: { $or: [{ y: ["y"] }, { z: ["z"] }] },
    };
    expect(matches(p, { c: { e: 4 }, x: { z: "z" } })).toBe(true);
    expect(matches(p, { a: 1, x: { y: "y" } })).toBe(true);
    expect(matches(p, { c: { e: 4 } })).toBe(false);
    expect(matches(p, { c: { f: 4 }, x: { y: "y" } })).toBe(false);
  });

  it("keeps conditions on one path from different levels (both must hold)", () => {
    const p = { a: ["x", "y"], $or: [{ a: ["y"] }, { b: [1] }] };
    expect(matches(p, { a: "y" })).toBe(true);
    expect(matches(p, { a: "x", b: 1 })).toBe(true);
    expect(matches(p, { a: "x" })).toBe(false);
  });

  it("needs a list of at least two objects", () => {
    expect(problem({ $or: [{ a: [1] }] })).toEqual({
      pointer: "/$or",
      message: '$or must be a list of at least two objects, e.g. [{"type": ["a"]}, {"subject": ["b"]}] (got 1 alternative)',
    });
    expect(problem({ $or: { a: [1] } }).message).toMatch(/\(got an object\)$/);
    expect(problem({ $or: [{ a: [1] }, "b"] })).toEqual({ pointer: "/$or/1", message: 'Only JSON object is allowed in array of $or relationship (got "b")' });
    expect(problem({ a: [{ $or: [1, 2] }] }).message).toMatch(/^Unrecognized match type \$or/);
  });

  it("rejects operators written as field names inside an alternative", () => {
    expect(problem({ v: { $or: [{ numeric: [">", 1] }, { w: [1] }] } })).toEqual({
      pointer: "/v/$or/0/numeric",
      message: 'numeric is an operator, not a field name: inside $or write {"<field>": [{"numeric": …}]}',
    });
  });
});

describe("array consistency", () => {
  const event = {
    employees: [
      [
        { firstName: "John", lastName: "Doe" },
        { firstName: "Anna", lastName: "Smith" },
      ],
      [{ firstName: "Peter", lastName: "Jones" }],
    ],
  };

  it("requires fields matched together to come from one element", () => {
    expect(matches({ employees: { firstName: ["Anna"], lastName: ["Smith"] } }, event)).toBe(true);
    expect(matches({ employees: { firstName: ["Anna"], lastName: ["Jones"] } }, event)).toBe(false);
    expect(matches({ employees: { firstName: ["John"], lastName: ["Doe", "Jones"] } }, event)).toBe(true);
  });

  it("holds for every operator kind, and for alternatives matched by different elements", () => {
    const items = { items: [{ name: "disk", used: 95 }, { name: "cpu", used: 20 }] };
    expect(matches({ items: { name: [{ prefix: "di" }], used: [{ numeric: [">", 90] }] } }, items)).toBe(true);
    expect(matches({ items: { name: [{ prefix: "cp" }], used: [{ numeric: [">", 90] }] } }, items)).toBe(false);
    expect(matches({ items: { name: [{ "anything-but": "disk" }], used: [{ numeric: ["<", 50] }] } }, items)).toBe(true);
    expect(matches({ items: { name: [{ exists: true }], used: [95] } }, items)).toBe(true);
    expect(matches({ items: { name: ["cpu", "disk"], used: [20] } }, items)).toBe(true);
  });

  it("does not constrain fields in different arrays, or outside arrays", () => {
    const e = { a: [{ x: 1 }, { x: 2 }], b: [{ y: 1 }, { y: 2 }], top: "t" };
    expect(matches({ a: { x: [2] }, b: { y: [1] }, top: ["t"] }, e)).toBe(true);
    expect(matches({ tags: ["a"], meta: { id: [1] } }, { tags: ["b", "a"], meta: { id: 1 } })).toBe(true);
  });

  it("applies to nested arrays at every level", () => {
    const e = { g: [{ m: [{ k: "a", v: 1 }, { k: "b", v: 2 }] }, { m: [{ k: "a", v: 2 }] }] };
    expect(matches({ g: { m: { k: ["a"], v: [2] } } }, e)).toBe(true);
    expect(matches({ g: { m: { k: ["b"], v: [1] } } }, e)).toBe(false);
  });

  it("applies within each $or alternative", () => {
    const p = { items: { $or: [{ name: ["cpu"], used: [95] }, { name: ["disk"], used: [95] }] } };
    expect(matches(p, { items: [{ name: "disk", used: 95 }, { name: "cpu", used: 20 }] })).toBe(true);
    expect(matches(p, { items: [{ name: "disk", used: 20 }, { name: "cpu", used: 20 }, { name: "gpu", used: 95 }] })).toBe(false);
  });
});
