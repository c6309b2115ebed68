// Exact filters on type and subject give exactly the events a plain comparison would, whatever
// index serves them (on SQLite: the free-text index, then an exact check).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudEvent } from "../../src/core/event.js";
import { searchText } from "../../src/events/normalize.js";
import { appendEvents, searchEvents } from "../../src/store/event-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

let counter = 0;
async function add(bus: string, type: string, subject: string | undefined, source = "filters.test"): Promise<string> {
  const id = `f${counter++}`;
  const event: CloudEvent = { specversion: "1.0", id, source, type, time: "2026-11-21T00:00:00Z", ...(subject === undefined ? {} : { subject }) };
  await appendEvents(store.db, store.dialect, [{ bus, event, timeMs: 0, receivedMs: 0, schemaError: null, text: searchText(event) }]);
  return id;
}

async function ids(bus: string, filter: { type?: string; subject?: string }): Promise<string[]> {
  return (await searchEvents(store.db, store.dialect, { bus, ...filter }, 1000)).map((e) => e.event.id).sort();
}

describe("type and subject filters", () => {
  it("match exactly: case, phrase prefixes, punctuation-only and quoted values", async () => {
    const bus = "edge";
    const a = await add(bus, "cvm:ErrorEvent:PingUnreachable", "ins-a");
    const b = await add(bus, "cvm:ErrorEvent:PingUnreachable", "ins-a-b");
    const c = await add(bus, "CVM:ErrorEvent:pingunreachable", "INS-A");
    const d = await add(bus, "x", "---");
    const e = await add(bus, "x", 'say "hi"');
    const f = await add(bus, "x", undefined);
    expect(await ids(bus, { subject: "ins-a" })).toEqual([a]);
    expect(await ids(bus, { subject: "ins-a-b" })).toEqual([b]);
    expect(await ids(bus, { subject: "INS-A" })).toEqual([c]);
    expect(await ids(bus, { type: "cvm:ErrorEvent:PingUnreachable" })).toEqual([a, b].sort());
    expect(await ids(bus, { subject: "---" })).toEqual([d]);
    expect(await ids(bus, { subject: 'say "hi"' })).toEqual([e]);
    expect(await ids(bus, { type: "x" })).toEqual([d, e, f].sort());
  });

  it("finds values longer than the text index keeps whole", async () => {
    const long = `ins-${"z".repeat(1500)}`;
    const id = await add("long", "t", long, "s".repeat(20_000));
    expect(await ids("long", { subject: long })).toEqual([id]);
  });

  it("agrees with a plain comparison on random values", async () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9:._ -]{0,12}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(word.filter((w) => w.length > 0), fc.option(word, { nil: undefined })), { minLength: 1, maxLength: 12 }), fc.nat(), async (events, pick) => {
        const bus = `prop${counter++}`;
        const stored: { id: string; type: string; subject: string | undefined }[] = [];
        for (const [type, subject] of events) stored.push({ id: await add(bus, type, subject), type, subject });
        const probe = stored[pick % stored.length];
        if (!probe) return;
        expect(await ids(bus, { type: probe.type })).toEqual(stored.filter((s) => s.type === probe.type).map((s) => s.id).sort());
        if (probe.subject !== undefined) {
          expect(await ids(bus, { subject: probe.subject })).toEqual(stored.filter((s) => s.subject === probe.subject).map((s) => s.id).sort());
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("free text with type and subject", () => {
  it("combines them, and ignores terms that have no words", async () => {
    const bus = "combo";
    const a = await add(bus, "disk:ReadOnly", "ins-1");
    await add(bus, "disk:ReadOnly", "ins-2");
    await add(bus, "ping:Unreachable", "ins-1");
    const found = await searchEvents(store.db, store.dialect, { bus, type: "disk:ReadOnly", subject: "ins-1", text: "readonly --- " }, 10);
    expect(found.map((e) => e.event.id)).toEqual([a]);
  });
});
