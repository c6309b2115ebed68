// Time-ordered ids: an id made at a millisecond sorts between that millisecond's first id and
// the next one's, so a time window over ids is a range of ids.
import { describe, expect, it } from "vitest";
import { firstIdAt, newId } from "../../src/core/ids.js";

describe("ids", () => {
  it("sorts ids made at a millisecond between its first id and the next millisecond's", () => {
    for (const ms of [0, 1, 1_700_000_000_000, Date.parse("2026-11-21T13:00:00.123Z"), 0xffffffffffff - 1]) {
      for (let n = 0; n < 50; n++) {
        const id = newId(ms);
        expect(firstIdAt(ms) <= id, `${id} at ${ms}`).toBe(true);
        expect(id < firstIdAt(ms + 1), `${id} before ${ms + 1}`).toBe(true);
        if (ms > 0) expect(newId(ms - 1) < firstIdAt(ms)).toBe(true);
      }
    }
    expect(firstIdAt(Date.parse("2026-11-21T13:00:00.123Z"))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7000-8000-000000000000$/);
    expect(firstIdAt(-5)).toBe(firstIdAt(0));
  });
});
