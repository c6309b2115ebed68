// RuleIndex behaviour beyond single patterns: many rules at once, replace and remove without
// disturbing rules that share structure, results in insertion order, $or rules reported once,
// absence rules, and events that touch few of many indexed fields.
import { describe, expect, it } from "vitest";
import { RuleIndex } from "../../src/patterns/index.js";
import { TAIL_LIMIT } from "../../src/patterns/branch-trie.js";

const alarm = { source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-1", region: "ap-guangzhou", data: { cpu: 97 } };

describe("RuleIndex", () => {
  it("matches many rules at once and reports them in the order they were added", () => {
    const index = new RuleIndex();
    index.add("by-subject", { source: "cvm.cloud.tencent", subject: ["ins-1", "ins-2"] });
    index.add("other-subject", { source: "cvm.cloud.tencent", subject: ["ins-3"] });
    index.add("by-type", { source: ["cvm.cloud.tencent"], type: [{ prefix: "cvm:ErrorEvent:" }] });
    index.add("hot", { data: { cpu: [{ numeric: [">", 90] }] } });
    index.add("all-cvm", { source: [{ prefix: "cvm." }] });
    expect(index.size).toBe(5);
    expect(index.match(alarm)).toEqual(["by-subject", "by-type", "hot", "all-cvm"]);
    expect(index.match({ ...alarm, subject: "ins-3", data: { cpu: 5 } })).toEqual(["other-subject", "by-type", "all-cvm"]);
    expect(index.match({ source: "cdb.cloud.tencent" })).toEqual([]);
    expect(index.match("not an event")).toEqual([]);
  });

  it("reports few and many matches in the order the rules were added, whatever the trie order", () => {
    for (const count of [5, 16, 17, 60]) {
      const index = new RuleIndex();
      const shapes = [
        (i: number) => ({ data: { cpu: [{ numeric: [">", i] }] } }),
        () => ({ subject: ["ins-1"], region: ["ap-guangzhou"] }),
        () => ({ source: [{ prefix: "cvm." }] }),
        (i: number) => ({ type: [{ suffix: "Unreachable" }], data: { cpu: [{ numeric: ["<", 100 + i] }] } }),
      ];
      const names = Array.from({ length: count }, (_, i) => `rule-${count - i}`);
      names.forEach((name, i) => index.add(name, (shapes[(i * 7) % shapes.length] as (i: number) => object)(i)));
      expect(index.match(alarm)).toEqual(names);
    }
  });

  it("splits a large index at its root by a partition key that nearly every rule names", () => {
    const rootPaths = (index: RuleIndex): string[] => {
      const paths: string[] = [];
      type Edges = { path: string; nextField?: Edges };
      const root = (index as unknown as { root: { fields?: Edges } }).root;
      for (let f = root.fields; f !== undefined; f = f.nextField) paths.push(f.path);
      return paths.sort();
    };
    const sources = ["cvm.cloud.tencent", "acs.ecs", "alertmanager"];
    const index = new RuleIndex();
    const add = (i: number) => index.add(`r${i}`, { source: [sources[i % 3]], subject: [`ins-${i}`], ...(i % 2 ? { region: ["ap-guangzhou"] } : {}) });
    for (let i = 0; i < 100; i++) add(i);
    expect(rootPaths(index)).toEqual(["subject"]);
    for (let i = 100; i < 400; i++) add(i);
    // Every rule, old ones included (re-ordered as rules are added), hangs below its source.
    for (let i = 0; i < 400; i++) add(i);
    expect(rootPaths(index)).toEqual(["source"]);
    expect(index.match({ ...alarm, subject: "ins-3" })).toEqual(["r3"]);
    expect(index.match({ ...alarm, subject: "ins-4" })).toEqual([]);
    index.add("no-source", { subject: ["ins-4"] });
    expect(rootPaths(index)).toEqual(["source", "subject"]);
    expect(index.match({ ...alarm, subject: "ins-4" })).toEqual(["no-source"]);
  });

  it("tests rules written alike once and reports each of them, before and after one goes", () => {
    const index = new RuleIndex();
    const same = { source: ["cvm.cloud.tencent"], subject: ["ins-1"], data: { cpu: [{ numeric: [">", 90] }] } };
    index.add("team-a", same);
    index.add("other", { source: ["cvm.cloud.tencent"], subject: ["ins-1"], data: { cpu: [{ numeric: ["<", 90] }] } });
    index.add("team-b", same);
    index.add("team-c", { ...same, region: ["ap-guangzhou"] });
    index.add("team-d", same);
    expect(index.match(alarm)).toEqual(["team-a", "team-b", "team-c", "team-d"]);
    expect(index.match({ ...alarm, data: { cpu: 10 } })).toEqual(["other"]);
    index.remove("team-b");
    expect(index.match(alarm)).toEqual(["team-a", "team-c", "team-d"]);
    index.add("team-b", same);
    expect(index.match(alarm)).toEqual(["team-a", "team-c", "team-d", "team-b"]);
    expect(index.match({ ...alarm, subject: "ins-2" })).toEqual([]);
  });

  it("removes a rule without disturbing rules that share its conditions", () => {
    const index = new RuleIndex();
    index.add("a", { source: ["cvm.cloud.tencent"], subject: ["ins-1"] });
    index.add("b", { source: ["cvm.cloud.tencent"], subject: ["ins-1"] });
    index.add("c", { source: ["cvm.cloud.tencent"], subject: [{ prefix: "ins" }], data: { cpu: [{ numeric: [">", 1] }] } });
    expect(index.match(alarm)).toEqual(["a", "b", "c"]);
    expect(index.remove("a")).toBe(true);
    expect(index.remove("a")).toBe(false);
    expect(index.has("a")).toBe(false);
    expect(index.match(alarm)).toEqual(["b", "c"]);
    index.remove("c");
    expect(index.match(alarm)).toEqual(["b"]);
    index.remove("b");
    expect(index.size).toBe(0);
    expect(index.match(alarm)).toEqual([]);
    index.add("a", { source: ["cvm.cloud.tencent"], subject: ["ins-1"] });
    expect(index.match(alarm)).toEqual(["a"]);
  });

  it("replaces a rule added again under the same id (it moves to the end of the order)", () => {
    const index = new RuleIndex();
    index.add("r", { subject: ["ins-1"] });
    index.add("s", { region: ["ap-guangzhou"] });
    index.add("r", { subject: ["ins-2"] });
    expect(index.size).toBe(2);
    expect(index.match(alarm)).toEqual(["s"]);
    expect(index.match({ ...alarm, subject: "ins-2" })).toEqual(["s", "r"]);
  });

  it("reports a rule once when several $or alternatives match", () => {
    const index = new RuleIndex();
    index.add("either", { $or: [{ subject: ["ins-1"] }, { region: ["ap-guangzhou"] }] });
    expect(index.match(alarm)).toEqual(["either"]);
  });

  it("reports each rule once among many matches, several of them through more than one $or alternative", () => {
    const alternatives = [{ subject: ["ins-1"] }, { region: ["ap-guangzhou"] }, { source: [{ prefix: "cvm" }] }, { type: ["nothing"] }];
    for (const rules of [3, 12]) {
      const index = new RuleIndex();
      const names: string[] = [];
      for (let i = 0; i < rules; i++) {
        names.push(`or-${i}`, `plain-${i}`);
        index.add(`or-${i}`, { $or: alternatives.slice(i % 2) });
        index.add(`plain-${i}`, { subject: ["ins-1"] });
      }
      // Reports before repeats are dropped: 11 for 3 rules (put in order by insertion), 42 for 12 (by the built-in sort).
      expect(index.match(alarm)).toEqual(names);
    }
  });

  it("matches absence rules, alone and mixed with other conditions", () => {
    const index = new RuleIndex();
    index.add("no-error", { error: [{ exists: false }] });
    index.add("cvm-no-zone", { source: ["cvm.cloud.tencent"], zone: [{ exists: false }] });
    index.add("zone-or-none", { zone: [{ exists: false }, { prefix: "ap-" }] });
    expect(index.match(alarm)).toEqual(["no-error", "cvm-no-zone", "zone-or-none"]);
    expect(index.match({ ...alarm, zone: "ap-guangzhou-3", error: "x" })).toEqual(["zone-or-none"]);
    expect(index.match({ ...alarm, zone: "eu-1" })).toEqual(["no-error"]);
  });

  it("tests the remaining conditions of the few rules a state holds, whatever their kind", () => {
    const index = new RuleIndex();
    // Rules behind one shared condition stay as that state's tails until more than TAIL_LIMIT
    // share it; then they are pushed down a state, and removing the others brings them back.
    index.add("kinds", { source: ["x"], n: [5], b: [true], s: ["str"], p: [{ prefix: "ab" }] });
    index.add("lists", { source: ["x"], multi: ["a", { prefix: "zz" }], gone: [{ exists: false }], nul: [null] });
    const kinds = { source: "x", n: 5, b: true, s: "str", p: "abc" };
    const lists = { source: "x", multi: ["q", "zz9"], nul: null };
    const check = () => {
      expect(index.match(kinds)).toEqual(["kinds"]);
      expect(index.match({ ...kinds, n: "5" })).toEqual([]);
      expect(index.match({ ...kinds, b: "true" })).toEqual([]);
      expect(index.match({ ...kinds, p: "xab" })).toEqual([]);
      expect(index.match({ ...kinds, s: ["no", "str"] })).toEqual(["kinds"]);
      expect(index.match(lists)).toEqual(["lists"]);
      expect(index.match({ ...lists, multi: "a" })).toEqual(["lists"]);
      expect(index.match({ ...lists, multi: "b" })).toEqual([]);
      expect(index.match({ source: "x", nul: null })).toEqual([]);
      expect(index.match({ ...lists, gone: 1 })).toEqual([]);
      expect(index.match({ ...lists, nul: "null" })).toEqual([]);
      expect(index.match({ ...kinds, ...lists })).toEqual(["kinds", "lists"]);
    };
    check();
    for (let i = 0; i < TAIL_LIMIT; i++) index.add(`more${i}`, { source: ["x"], other: [i] });
    check();
    for (let i = 0; i < TAIL_LIMIT; i++) index.remove(`more${i}`);
    check();
  });

  it("handles many indexed fields against events that carry few of them", () => {
    const index = new RuleIndex();
    for (let i = 0; i < 200; i++) index.add(`f${i}`, { [`field${i}`]: [i] });
    index.add("absent", { field7: [{ exists: false }] });
    expect(index.match({ field7: 7 })).toEqual(["f7"]);
    expect(index.match({ field8: 8 })).toEqual(["f8", "absent"]);
    expect(index.match({ field8: 9 })).toEqual(["absent"]);
  });

  it("serves thousands of rules sharing their first conditions", () => {
    const index = new RuleIndex();
    for (let i = 0; i < 5000; i++) {
      index.add(`s${i}`, { source: "cvm.cloud.tencent", region: "ap-guangzhou", subject: `ins-${i}` });
      index.add(`p${i}`, { source: "cvm.cloud.tencent", subject: [{ prefix: `ins-${i}-` }] });
    }
    expect(index.size).toBe(10_000);
    expect(index.match({ ...alarm, subject: "ins-4321" })).toEqual(["s4321"]);
    expect(index.match({ ...alarm, subject: "ins-12-x" })).toEqual(["p12"]);
    for (let i = 0; i < 5000; i += 2) index.remove(`s${i}`);
    expect(index.match({ ...alarm, subject: "ins-4320" })).toEqual([]);
    expect(index.match({ ...alarm, subject: "ins-4321" })).toEqual(["s4321"]);
  });

  it("reads a path through nested objects and dotted keys alike, and forgets a removed path", () => {
    const index = new RuleIndex();
    index.add("pod", { data: { labels: { pod: [{ prefix: "api-" }] } } });
    expect(index.match({ data: { labels: { pod: "api-1" } } })).toEqual(["pod"]);
    expect(index.match({ "data.labels": { pod: "api-1" } })).toEqual(["pod"]);
    expect(index.match({ data: { "labels.pod": "api-1" } })).toEqual(["pod"]);
    expect(index.match({ "data.labels.pod": ["x", "api-1"] })).toEqual(["pod"]);
    index.remove("pod");
    // The freed path number goes to the next path; values at the old path must not reach it.
    index.add("ns", { data: { labels: { namespace: [{ prefix: "api-" }] } } });
    expect(index.match({ data: { labels: { pod: "api-1" } } })).toEqual([]);
    expect(index.match({ data: { labels: { namespace: "api-1" } } })).toEqual(["ns"]);
  });

  it("keeps answering while early rules are re-placed as the index learns which fields are selective", () => {
    const index = new RuleIndex();
    // The first rules see no statistics; later ones teach the index that subject is the
    // selective field, and adding them re-places the early rules. Answers never change.
    index.add("early", { source: ["cvm.cloud.tencent"], subject: ["ins-0"], type: [{ prefix: "cvm:" }] });
    for (let i = 1; i < 300; i++) index.add(`r${i}`, { source: ["cvm.cloud.tencent"], subject: [`ins-${i}`], type: [{ prefix: "cvm:" }] });
    expect(index.match({ ...alarm, subject: "ins-0" })).toEqual(["early"]);
    expect(index.match({ ...alarm, subject: "ins-299" })).toEqual(["r299"]);
    for (let i = 1; i < 300; i++) index.remove(`r${i}`);
    expect(index.match({ ...alarm, subject: "ins-0" })).toEqual(["early"]);
    expect(index.remove("early")).toBe(true);
    expect(index.size).toBe(0);
    expect(index.match({ ...alarm, subject: "ins-0" })).toEqual([]);
  });
});
