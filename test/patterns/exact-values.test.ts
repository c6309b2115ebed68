// Exact values: strings, numbers, booleans, null and "" are type-sensitive; a list means any
// of them; event arrays match when any element does; nested objects and dotted keys name the
// same flattened path; and the seed documents' bare scalar leaves work as written.
import { describe, expect, it } from "vitest";
import { matches, problem } from "./support.js";

const cvmAlarm = {
  specversion: "1.0",
  id: "a1",
  source: "cvm.cloud.tencent",
  type: "cvm:ErrorEvent:PingUnreachable",
  subject: "ins-xxxxxx",
  region: "ap-guangzhou",
  status: "1",
  data: { instanceId: "ins-xxxxxx", cpu: 97.5, tags: ["prod", "web"], owner: null },
};

describe("seed patterns (verbatim)", () => {
  it("bare scalars mean one-element lists", () => {
    const pattern = { source: "cvm.cloud.tencent", region: "ap-guangzhou" };
    expect(matches(pattern, cvmAlarm)).toBe(true);
    expect(matches(pattern, { ...cvmAlarm, region: "ap-shanghai" })).toBe(false);
  });

  it("lists of subjects", () => {
    const pattern = { source: "cvm.cloud.tencent", subject: ["ins-xxxxxx", "ins-yyyyyy"] };
    expect(matches(pattern, cvmAlarm)).toBe(true);
    expect(matches(pattern, { ...cvmAlarm, subject: "ins-yyyyyy" })).toBe(true);
    expect(matches(pattern, { ...cvmAlarm, subject: "ins-zzzzzz" })).toBe(false);
  });

  it("lists of one source and one type", () => {
    const pattern = { source: ["cvm.cloud.tencent"], type: ["cvm:ErrorEvent:PingUnreachable"] };
    expect(matches(pattern, cvmAlarm)).toBe(true);
    expect(matches(pattern, { ...cvmAlarm, type: "cvm:ErrorEvent:DiskReadonly" })).toBe(false);
  });

  it("bare scalars are rejected in the eventbridge dialect, with the list to write instead", () => {
    expect(problem({ source: "cvm.cloud.tencent" }, { dialect: "eventbridge" })).toEqual({
      pointer: "/source",
      message: '"source" must be an object or an array: write ["cvm.cloud.tencent"] to match that value',
    });
  });
});

describe("exact values", () => {
  it("are type-sensitive", () => {
    expect(matches({ status: ["1"] }, cvmAlarm)).toBe(true);
    expect(matches({ status: [1] }, cvmAlarm)).toBe(false);
    expect(matches({ data: { cpu: [97.5] } }, cvmAlarm)).toBe(true);
    expect(matches({ data: { cpu: ["97.5"] } }, cvmAlarm)).toBe(false);
    expect(matches({ flag: [true] }, { flag: "true" })).toBe(false);
    expect(matches({ flag: [true] }, { flag: true })).toBe(true);
    expect(matches({ flag: [false] }, { flag: true })).toBe(false);
  });

  it("compare numbers by value, not spelling", () => {
    expect(matches({ n: [300] }, JSON.parse('{"n": 300.0}'))).toBe(true);
    expect(matches({ n: [3.0e2] }, { n: 300 })).toBe(true);
    expect(matches({ n: [0] }, { n: -0 })).toBe(true);
    expect(matches({ n: [0.3] }, { n: 0.1 + 0.2 })).toBe(false);
  });

  it("match null and the empty string, each only itself", () => {
    expect(matches({ data: { owner: [null] } }, cvmAlarm)).toBe(true);
    expect(matches({ data: { owner: [null] } }, { data: { owner: "null" } })).toBe(false);
    expect(matches({ data: { owner: [null] } }, { data: {} })).toBe(false);
    expect(matches({ v: [""] }, { v: "" })).toBe(true);
    expect(matches({ v: [""] }, { v: " " })).toBe(false);
    expect(matches({ v: null }, { v: null })).toBe(true);
  });

  it("are exact: no case folding or trimming", () => {
    expect(matches({ region: ["AP-GUANGZHOU"] }, cvmAlarm)).toBe(false);
    expect(matches({ s: ["emoji 🚀 "] }, { s: "emoji 🚀 " })).toBe(true);
    expect(matches({ s: ["emoji 🚀"] }, { s: "emoji 🚀 " })).toBe(false);
  });

  it("match an event array when any element matches", () => {
    expect(matches({ data: { tags: ["web"] } }, cvmAlarm)).toBe(true);
    expect(matches({ data: { tags: ["db", "cache"] } }, cvmAlarm)).toBe(false);
    expect(matches({ data: { tags: [null] } }, { data: { tags: [] } })).toBe(false);
    expect(matches({ m: [1] }, { m: [[0, [1]]] })).toBe(true);
  });

  it("require every field (AND) and look only at the fields named", () => {
    expect(matches({ source: "cvm.cloud.tencent", subject: "ins-xxxxxx", region: "ap-guangzhou" }, cvmAlarm)).toBe(true);
    expect(matches({ source: "cvm.cloud.tencent", zone: "ap-guangzhou-3" }, cvmAlarm)).toBe(false);
  });

  it("are case-sensitive in field names", () => {
    expect(matches({ Source: ["cvm.cloud.tencent"] }, cvmAlarm)).toBe(false);
  });
});

describe("nesting and paths", () => {
  it("match nested objects by their flattened path", () => {
    expect(matches({ data: { instanceId: ["ins-xxxxxx"] } }, cvmAlarm)).toBe(true);
    expect(matches({ data: { instanceId: { id: ["ins-xxxxxx"] } } }, cvmAlarm)).toBe(false);
  });

  it("treat dotted keys and nesting as the same path, on either side", () => {
    expect(matches({ detail: { "state.status": ["running"] } }, { detail: { state: { status: "running" } } })).toBe(true);
    expect(matches({ detail: { state: { status: ["running"] } } }, { detail: { "state.status": "running" } })).toBe(true);
    expect(matches({ detail: { state: { status: ["running"] } } }, { detail: { "state.status": { status: "running" } } })).toBe(false);
  });

  it("do not look inside strings that hold JSON", () => {
    expect(matches({ detail: { key: ["v"] } }, { detail: '{"key": "v"}' })).toBe(false);
  });

  it("match nothing when the event is not an object", () => {
    for (const event of [null, "text", 42, ["a"], undefined]) expect(matches({ a: ["x"] }, event)).toBe(false);
  });

  it("reads only JSON values of an event", () => {
    expect(matches({ a: { b: [1] } }, { a: { b: 1, c: () => 1, d: undefined } })).toBe(true);
  });
});
