// AWS conformance: the LocalStack cases (157 files: 155 JSON5 cases plus one case split in two
// files, 156 cases, as in AWS's snapshot) validated against AWS EventBridge's own
// TestEventPattern, read from ../shared/conformance/ (never copied into the repository). A
// name ending in _NEG must not match, _EXC must be rejected, any other must match. Every case
// runs through both compilePattern and a RuleIndex holding just that pattern, in the
// `eventbridge` dialect (exactly AWS) and again in `reflex` (a superset: same answers).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { compilePattern, PatternError, RuleIndex, validatePattern, type PatternDialect } from "../../src/patterns/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const casesDir = resolve(repoRoot, "../shared/conformance/eventbridge-patterns");
const present = existsSync(casesDir);

/**
 * `_EXC` cases that the reflex dialect accepts on purpose: they write a bare scalar leaf,
 * which AWS rejects and Reflex reads as a one-element list (the seed documents' dialect).
 */
const ACCEPTED_BY_REFLEX: Readonly<Record<string, string>> = {
  string_nolist_EXC: 'bare scalar leaf: reflex reads "my-value" as ["my-value"]',
  int_nolist_EXC: "bare scalar leaf: reflex reads 42 as [42]",
};

interface Case {
  name: string;
  event: unknown;
  pattern: unknown;
}

function loadCases(): Case[] {
  const cases: Case[] = readdirSync(casesDir)
    .filter((file) => file.endsWith(".json5"))
    .map((file) => {
      const parsed = JSON5.parse<{ Event: unknown; EventPattern: unknown }>(readFileSync(resolve(casesDir, file), "utf8"));
      return { name: file.slice(0, -".json5".length), event: parsed.Event, pattern: parsed.EventPattern };
    });
  // One case kept as two files because its pattern repeats a key; JSON.parse keeps the last one, as AWS does.
  cases.push({
    name: "complex_multi_key_event",
    event: JSON.parse(readFileSync(resolve(casesDir, "complex_multi_key_event.json"), "utf8")),
    pattern: JSON.parse(readFileSync(resolve(casesDir, "complex_multi_key_event_pattern.json"), "utf8")),
  });
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}

function expectRejected(c: Case, dialect: PatternDialect): void {
  expect(() => compilePattern(c.pattern, { dialect })).toThrow(PatternError);
  expect(validatePattern(c.pattern, { dialect }).length).toBeGreaterThan(0);
  const index = new RuleIndex();
  expect(() => index.add(c.name, c.pattern, { dialect })).toThrow(PatternError);
  expect(index.size).toBe(0);
}

function expectAnswer(c: Case, dialect: PatternDialect): void {
  const want = !c.name.endsWith("_NEG");
  expect(compilePattern(c.pattern, { dialect }).matches(c.event), "compilePattern").toBe(want);
  const index = new RuleIndex();
  index.add(c.name, c.pattern, { dialect });
  expect(index.match(c.event), "RuleIndex").toEqual(want ? [c.name] : []);
}

describe.skipIf(!present)(`AWS EventBridge conformance (${present ? casesDir : `skipped: ${casesDir} not found`})`, () => {
  const cases = present ? loadCases() : [];

  it("finds all 156 cases (157 files)", () => {
    expect(cases).toHaveLength(156);
  });

  describe("eventbridge dialect: every case", () => {
    it.each(cases)("$name", (c) => (c.name.endsWith("_EXC") ? expectRejected(c, "eventbridge") : expectAnswer(c, "eventbridge")));
  });

  describe("reflex dialect: same answers, bare scalars accepted", () => {
    it.each(cases)("$name", (c) => {
      if (!c.name.endsWith("_EXC")) return expectAnswer(c, "reflex");
      if (c.name in ACCEPTED_BY_REFLEX) expect(validatePattern(c.pattern, { dialect: "reflex" })).toEqual([]);
      else expectRejected(c, "reflex");
    });
  });
});
