// prefix, suffix and equals-ignore-case, including their ignore-case forms: strings only,
// empty operands, Unicode case folding, arrays, and the grammar errors with their pointers.
import { describe, expect, it } from "vitest";
import { matches, problem } from "./support.js";

describe("prefix", () => {
  it("matches strings starting with the prefix, case-sensitively", () => {
    expect(matches({ time: [{ prefix: "2026-01" }] }, { time: "2026-01-02T03:04:05Z" })).toBe(true);
    expect(matches({ time: [{ prefix: "2026-02" }] }, { time: "2026-01-02T03:04:05Z" })).toBe(false);
    expect(matches({ subject: [{ prefix: "INS-" }] }, { subject: "ins-1" })).toBe(false);
    expect(matches({ subject: [{ prefix: "ins-1" }] }, { subject: "ins-" })).toBe(false);
  });

  it("never matches non-strings", () => {
    expect(matches({ n: [{ prefix: "1" }] }, { n: 12 })).toBe(false);
    expect(matches({ n: [{ prefix: "n" }] }, { n: null })).toBe(false);
    expect(matches({ n: [{ prefix: "t" }] }, { n: true })).toBe(false);
  });

  it("with an empty prefix matches every string, even the empty one", () => {
    expect(matches({ source: [{ prefix: "" }] }, { source: "" })).toBe(true);
    expect(matches({ source: [{ prefix: "" }] }, { source: "x" })).toBe(true);
    expect(matches({ source: [{ prefix: "" }] }, { other: "x" })).toBe(false);
  });

  it("ignores case with equals-ignore-case inside", () => {
    const pattern = { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } };
    expect(matches(pattern, { detail: { service: "eventbridge" } })).toBe(true);
    expect(matches(pattern, { detail: { service: "EVENTB" } })).toBe(true);
    expect(matches(pattern, { detail: { service: "EvenT" } })).toBe(false);
    expect(matches({ s: [{ prefix: { "equals-ignore-case": "ΣΊΣΥΦΟΣ" } }] }, { s: "σίσυφος mountain" })).toBe(true);
  });

  it("combines with other values in one list (any of)", () => {
    const pattern = { admins: ["skyli", { prefix: "hey" }, { prefix: "ad" }] };
    expect(matches(pattern, { admins: "admin" })).toBe(true);
    expect(matches(pattern, { admins: "skyli" })).toBe(true);
    expect(matches(pattern, { admins: "root" })).toBe(false);
  });

  it("rejects non-string operands where they are", () => {
    expect(problem({ time: [{ prefix: 123 }] })).toEqual({ pointer: "/time/0/prefix", message: "prefix match pattern must be a string (got 123)" });
    expect(problem({ time: [{ prefix: ["2022"] }] }).message).toBe("prefix match pattern must be a string (got a list)");
    expect(problem({ time: [{ prefix: { "equals-ignore-case": 1 } }] })).toEqual({
      pointer: "/time/0/prefix/equals-ignore-case",
      message: "equals-ignore-case match pattern must be a string (got 1)",
    });
    expect(problem({ time: [{ prefix: { "ignore-case": "a" } }] }).message).toBe('prefix takes a string or {"equals-ignore-case": "<string>"} (got an object with ignore-case)');
  });
});

describe("suffix", () => {
  it("matches strings ending with the suffix", () => {
    expect(matches({ FileName: [{ suffix: ".png" }] }, { FileName: "image.png" })).toBe(true);
    expect(matches({ FileName: [{ suffix: ".PNG" }] }, { FileName: "image.png" })).toBe(false);
    expect(matches({ FileName: [{ suffix: "image.png.bak" }] }, { FileName: "image.png" })).toBe(false);
    expect(matches({ FileName: [{ suffix: "" }] }, { FileName: "x" })).toBe(true);
    expect(matches({ FileName: [{ suffix: "1" }] }, { FileName: 1 })).toBe(false);
  });

  it("ignores case with equals-ignore-case inside", () => {
    const pattern = { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } };
    expect(matches(pattern, { detail: { FileName: "image.PNG" } })).toBe(true);
    expect(matches(pattern, { detail: { FileName: "image.jpg" } })).toBe(false);
  });

  it("works on characters outside the BMP", () => {
    expect(matches({ s: [{ suffix: "🚀" }] }, { s: "launch 🚀" })).toBe(true);
    expect(matches({ s: [{ suffix: "🚀" }] }, { s: "launch 🛸" })).toBe(false);
  });

  it("rejects non-string operands", () => {
    expect(problem({ FileName: [{ suffix: [".png"] }] })).toEqual({ pointer: "/FileName/0/suffix", message: "suffix match pattern must be a string (got a list)" });
  });
});

describe("equals-ignore-case", () => {
  it("matches strings equal ignoring case, only strings", () => {
    const pattern = { "detail-type": [{ "equals-ignore-case": "ec2 instance state-change notification" }] };
    expect(matches(pattern, { "detail-type": "EC2 Instance State-change Notification" })).toBe(true);
    expect(matches(pattern, { "detail-type": ["other", "EC2 INSTANCE STATE-CHANGE NOTIFICATION"] })).toBe(true);
    expect(matches(pattern, { "detail-type": "EC2 Instance State-change" })).toBe(false);
    expect(matches({ v: [{ "equals-ignore-case": "1" }] }, { v: 1 })).toBe(false);
  });

  it("folds non-ASCII letters too", () => {
    expect(matches({ city: [{ "equals-ignore-case": "ÉCOLE" }] }, { city: "école" })).toBe(true);
    expect(matches({ word: [{ "equals-ignore-case": "straße" }] }, { word: "STRAẞE" })).toBe(true);
    expect(matches({ word: [{ "equals-ignore-case": "σ" }] }, { word: "ς" })).toBe(true);
  });

  it("with an empty operand matches only the empty string", () => {
    expect(matches({ v: [{ "equals-ignore-case": "" }] }, { v: "" })).toBe(true);
    expect(matches({ v: [{ "equals-ignore-case": "" }] }, { v: "x" })).toBe(false);
  });

  it("rejects lists and objects as operands", () => {
    expect(problem({ t: [{ "equals-ignore-case": ["a"] }] })).toEqual({
      pointer: "/t/0/equals-ignore-case",
      message: "equals-ignore-case match pattern must be a string (got a list)",
    });
  });
});
