// Durations and time parameters as users write them in config, queries and on the command line.
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/core/duration.js";
import { ValidationError } from "../../src/core/errors.js";
import { parseTimeParam } from "../../src/core/time.js";

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe("parseDuration", () => {
  it("reads units, combinations and bare milliseconds", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("7d")).toBe(604_800_000);
    expect(parseDuration("1.5s")).toBe(1_500);
    expect(parseDuration("250")).toBe(250);
    expect(parseDuration(42)).toBe(42);
  });

  it("names the input and shows the accepted forms when it cannot read it", () => {
    for (const bad of ["", "ten minutes", "10x", "1h 30m", "m10"]) {
      expect(() => parseDuration(bad, "retention.maxAge")).toThrow(ValidationError);
    }
    expect(() => parseDuration("10y", "retention.maxAge")).toThrow(/retention\.maxAge: '10y' is not a duration; write e\.g\./);
    expect(() => parseDuration(-1)).toThrow(ValidationError);
  });
});

describe("parseTimeParam", () => {
  it("reads RFC 3339, dates, epoch milliseconds and durations ago", () => {
    expect(parseTimeParam("2026-11-21T08:00:00Z", NOW, "from")).toBe(Date.UTC(2026, 10, 21, 8));
    expect(parseTimeParam("2026-11-21T08:00:00.250+08:00", NOW, "from")).toBe(Date.UTC(2026, 10, 21, 0, 0, 0, 250));
    expect(parseTimeParam("2026-11-20", NOW, "from")).toBe(Date.UTC(2026, 10, 20));
    expect(parseTimeParam("1795231935798", NOW, "from")).toBe(1795231935798);
    expect(parseTimeParam("15m", NOW, "from")).toBe(NOW - 900_000);
    expect(parseTimeParam("-7d", NOW, "from")).toBe(NOW - 7 * 86_400_000);
  });

  it("refuses impossible dates and says which parameter and what is accepted", () => {
    expect(() => parseTimeParam("2026-02-30T00:00:00Z", NOW, "to")).toThrow(/to: '2026-02-30T00:00:00Z' is not a time; use RFC 3339/);
    expect(() => parseTimeParam("yesterday", NOW, "from")).toThrow(ValidationError);
  });
});
