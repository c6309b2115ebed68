// The gates as pure functions: a token bucket per key (rate per period, burst), a dedupe
// window that lets the first event through, groups that open, fill and go stale, and a
// channel's rate limit that spreads messages out.
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/core/json.js";
import { nextSlot } from "../../src/channels/index.js";
import { STALE_GROUP_GRACE_MS, dedupeStep, groupStep, throttleStep } from "../../src/rules/gates.js";

const MIN = 60_000;

describe("throttle", () => {
  it("rate 1 per 10m lets one through per 10 minutes", () => {
    const spec = { key: "", rate: 1, perMs: 10 * MIN, burst: 1 };
    let state: JsonValue = null;
    const at = (ms: number) => {
      const step = throttleStep(state, spec, ms);
      state = { ...step.state };
      return step.pass;
    };
    expect(at(0)).toBe(true);
    expect(at(1)).toBe(false);
    expect(at(9 * MIN)).toBe(false);
    expect(at(10 * MIN - 1)).toBe(false);
    // Failed takes do not spend tokens: the bucket keeps refilling from the last pass.
    expect(at(10 * MIN)).toBe(true);
    expect(at(10 * MIN + 1)).toBe(false);
  });

  it("saves up to burst and refills at rate per period", () => {
    const spec = { key: "", rate: 3, perMs: 3 * MIN, burst: 3 };
    let state: JsonValue = null;
    const passes = (ms: number, n: number) => {
      let passed = 0;
      for (let i = 0; i < n; i++) {
        const step = throttleStep(state, spec, ms);
        state = { ...step.state };
        if (step.pass) passed += 1;
      }
      return passed;
    };
    expect(passes(0, 5)).toBe(3);
    expect(passes(MIN, 5)).toBe(1);
    expect(passes(MIN + 20_000, 1)).toBe(0);
    // Three thirds of a token make a whole one, float rounding notwithstanding.
    expect(passes(2 * MIN, 1)).toBe(1);
    expect(passes(60 * MIN, 10)).toBe(3);
  });

  it("says when the bucket is full again, after which the state means nothing", () => {
    const step = throttleStep(null, { key: "", rate: 1, perMs: 10 * MIN, burst: 1 }, 1_000);
    expect(step.expiresMs).toBe(1_000 + 10 * MIN);
  });
});

describe("dedupe", () => {
  it("passes the first event of a window and drops the rest until it ends", () => {
    const spec = { key: "", withinMs: 5 * MIN };
    const first = dedupeStep(null, spec, 0);
    expect(first).toMatchObject({ pass: true, state: { untilMs: 5 * MIN }, expiresMs: 5 * MIN });
    const again = dedupeStep({ ...first.state }, spec, 4 * MIN);
    expect(again.pass).toBe(false);
    // The window is not extended by the dropped event.
    expect(again.state.untilMs).toBe(5 * MIN);
    expect(dedupeStep({ ...again.state }, spec, 5 * MIN).pass).toBe(true);
  });
});

describe("group", () => {
  const spec = { by: "", waitMs: MIN, max: 3 };

  it("opens with the first event, fills, and closes when full", () => {
    const a = groupStep(null, spec, 0, "g1");
    expect(a).toEqual({ groupId: "g1", opened: true, full: false, state: { id: "g1", openedMs: 0, count: 1 } });
    const b = groupStep({ ...a.state }, spec, 10, "unused");
    expect(b).toMatchObject({ groupId: "g1", opened: false, full: false });
    const c = groupStep({ ...b.state }, spec, 20, "unused");
    expect(c).toEqual({ groupId: "g1", opened: false, full: true, state: null });
  });

  it("a group of one is full at once", () => {
    expect(groupStep(null, { ...spec, max: 1 }, 0, "g")).toMatchObject({ opened: true, full: true, state: null });
  });

  it("a group left open long after its wait is stale: a new one opens", () => {
    const stale = { id: "old", openedMs: 0, count: 2 };
    expect(groupStep(stale, spec, MIN + STALE_GROUP_GRACE_MS, "x").groupId).toBe("old");
    expect(groupStep(stale, spec, MIN + STALE_GROUP_GRACE_MS + 1, "new")).toMatchObject({ groupId: "new", opened: true });
  });
});

describe("channel rate limit", () => {
  it("schedules each message at the earliest time that keeps every window within the limit", () => {
    const limit = { rate: 2, perMs: 10_000 };
    let log: JsonValue = null;
    const send = (now: number) => {
      const slot = nextSlot(log, limit, now);
      log = slot.log;
      return slot.sendAt;
    };
    expect([send(0), send(0), send(0), send(0), send(0)]).toEqual([0, 0, 10_000, 10_000, 20_000]);
    expect(send(25_000)).toBe(25_000);
    expect(send(26_000)).toBe(30_000);
    // A quiet channel sends at once.
    expect(send(100_000)).toBe(100_000);
  });
});
