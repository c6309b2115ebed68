// A pattern search stops when its budget is spent — a number of events, or a time — and says
// where to go on, so a search that finds little answers quickly; with room it walks every
// candidate. 1,200 stored events, a pattern that matches none of them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { searchByPattern } from "../../src/events/pattern-search.js";
import { compilePattern } from "../../src/patterns/index.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let t: TestReflex;
const NOTHING = compilePattern({ source: ["no.such.source"] });

beforeAll(async () => {
  t = await startTestReflex();
  for (let batch = 0; batch < 12; batch++) {
    const events = Array.from({ length: 100 }, (_, i) => ({ specversion: "1.0", id: `b${batch}-${i}`, source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: `ins-${i}` }));
    const res = await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/cloudevents-batch+json" }, body: JSON.stringify(events) });
    expect(res.status).toBeLessThan(300);
  }
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

it("examines every candidate when the budgets allow, and ends with no cursor", async () => {
  const found = await searchByPattern(t.reflex.store, {}, NOTHING, 50);
  expect(found).toMatchObject({ items: [], scanned: 1_200, continueBelow: null });
});

it("stops after one page when its time is spent, with a cursor to go on from", async () => {
  const first = await searchByPattern(t.reflex.store, {}, NOTHING, 50, 20_000, 0);
  expect(first.scanned).toBe(500);
  expect(first.continueBelow).not.toBeNull();
  const rest = await searchByPattern(t.reflex.store, { beforeSeq: first.continueBelow ?? undefined }, NOTHING, 50);
  expect(rest).toMatchObject({ scanned: 700, continueBelow: null });
});

it("stops at its event budget", async () => {
  const capped = await searchByPattern(t.reflex.store, {}, NOTHING, 50, 600);
  expect(capped.scanned).toBe(600);
  expect(capped.continueBelow).not.toBeNull();
});
