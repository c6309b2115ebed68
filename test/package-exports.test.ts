// The package's public entry resolves by name (self-reference through `exports`), as users
// import it after `npm install` has built it.
import { describe, expect, it } from "vitest";

describe("package exports", () => {
  it("imports the library API from 'reflex'", async () => {
    const reflex = await import("reflex");
    for (const name of ["startReflex", "normalizeEvent", "parseIngestRequest", "compileTemplate", "loadConfigDir", "openStore", "EventTypeRegistry", "ReflexError", "compilePattern", "validatePattern", "RuleIndex", "validateRuleDocument", "startSimulator", "createFleet", "forwardEvents", "SimControlClient"]) {
      expect(typeof (reflex as Record<string, unknown>)[name], name).toBe("function");
    }
    const event = reflex.normalizeEvent({ source: "s", type: "t" }, { now: Date.UTC(2026, 0, 1) });
    expect(event).toMatchObject({ specversion: "1.0", source: "s", type: "t", time: "2026-01-01T00:00:00.000Z" });
  });
});
