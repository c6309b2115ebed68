// explainPattern: which alternative is shown, where each condition is written, the event's
// values, the array-consistency case, and agreement with compilePattern on random patterns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, explainPattern, EXPLAIN_MAX_VALUES, PatternError } from "../../src/patterns/index.js";
import { event, pattern } from "./random-patterns.js";

const alarm = { source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-1", data: { state: "Running", load: 97.5 } };

describe("explainPattern", () => {
  it("shows every condition of a match, in the order the pattern writes them", () => {
    const explained = explainPattern({ subject: ["ins-1", "ins-2"], source: "cvm.cloud.tencent", data: { load: [{ numeric: [">", 90] }] } }, alarm);
    expect(explained).toEqual({
      match: true,
      alternatives: 1,
      alternative: 0,
      splitAcrossArrayElements: false,
      conditions: [
        { field: "subject", pointer: "/subject", expected: ["ins-1", "ins-2"], values: ["ins-1"], valueCount: 1, holds: true },
        { field: "source", pointer: "/source", expected: "cvm.cloud.tencent", values: ["cvm.cloud.tencent"], valueCount: 1, holds: true },
        { field: "data.load", pointer: "/data/load", expected: [{ numeric: [">", 90] }], values: [97.5], valueCount: 1, holds: true },
      ],
    });
  });

  it("names the failing conditions with the event's values, and an absent field with none", () => {
    const explained = explainPattern({ source: ["cvm.cloud.tencent"], data: { state: [{ "anything-but": ["Running"] }], zone: [{ prefix: "ap-" }] } }, alarm);
    expect(explained.match).toBe(false);
    expect(explained.conditions.map((c) => [c.pointer, c.holds, c.values])).toEqual([
      ["/source", true, ["cvm.cloud.tencent"]],
      ["/data/state", false, ["Running"]],
      ["/data/zone", false, []],
    ]);
  });

  it("counts exists: false on an absent field as holding", () => {
    const explained = explainPattern({ source: ["cvm.cloud.tencent"], data: { zone: [{ exists: false }] } }, alarm);
    expect(explained.match).toBe(true);
    expect(explained.conditions[1]).toMatchObject({ field: "data.zone", values: [], valueCount: 0, holds: true });
  });

  it("shows the $or alternative closest to matching, with pointers inside the $or", () => {
    const explained = explainPattern(
      {
        source: ["cvm.cloud.tencent"],
        $or: [{ type: ["cvm:AlarmEvent:CpuUsage"], data: { load: [{ numeric: [">", 99] }] } }, { type: [{ prefix: "cvm:ErrorEvent:" }], subject: ["ins-9"] }],
      },
      alarm,
    );
    expect(explained).toMatchObject({ match: false, alternatives: 2, alternative: 1 });
    expect(explained.conditions.map((c) => [c.pointer, c.holds])).toEqual([
      ["/source", true],
      ["/$or/1/type", true],
      ["/$or/1/subject", false],
    ]);
  });

  it("stops at the alternative that matches", () => {
    const explained = explainPattern({ $or: [{ subject: ["ins-9"] }, { subject: ["ins-1"] }, { source: ["cvm.cloud.tencent"] }] }, alarm);
    expect(explained).toMatchObject({ match: true, alternatives: 3, alternative: 1 });
  });

  it("says when every condition holds but on different elements of an array", () => {
    const e = { source: "s3", items: [{ name: "a", size: 1 }, { name: "b", size: 2 }] };
    const explained = explainPattern({ items: { name: ["a"], size: [2] } }, e);
    expect(explained).toMatchObject({ match: false, splitAcrossArrayElements: true });
    expect(explained.conditions.every((c) => c.holds)).toBe(true);
    expect(explainPattern({ items: { name: ["b"], size: [2] } }, e)).toMatchObject({ match: true, splitAcrossArrayElements: false });
  });

  it("lists at most EXPLAIN_MAX_VALUES values and counts them all", () => {
    const tags = Array.from({ length: EXPLAIN_MAX_VALUES + 5 }, (_, i) => `t${i}`);
    const [condition] = explainPattern({ tags: ["none"] }, { tags }).conditions;
    expect(condition).toMatchObject({ holds: false, valueCount: tags.length });
    expect(condition?.values).toEqual(tags.slice(0, EXPLAIN_MAX_VALUES));
  });

  it("explains an event that is not an object as having no fields", () => {
    expect(explainPattern({ source: ["a"] }, "not an event")).toMatchObject({ match: false, conditions: [{ field: "source", values: [], holds: false }] });
  });

  it("rejects an invalid pattern as compilePattern does", () => {
    expect(() => explainPattern({ source: [{ prefix: 1 }] }, alarm)).toThrow(PatternError);
    expect(() => explainPattern({ source: "a" }, alarm, { dialect: "eventbridge" })).toThrow(/source/);
  });

  it("agrees with compilePattern on random patterns and events", () => {
    fc.assert(
      fc.property(pattern, fc.array(event, { minLength: 5, maxLength: 10 }), (p, events) => {
        let compiled;
        try {
          compiled = compilePattern(p);
        } catch (err) {
          if (err instanceof PatternError) return;
          throw err;
        }
        for (const e of events) {
          const explained = explainPattern(p, e);
          expect(explained.match).toBe(compiled.matches(e));
          if (!explained.match) expect(explained.splitAcrossArrayElements || explained.conditions.some((c) => !c.holds)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
