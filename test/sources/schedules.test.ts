// Schedules on a real store and the real ingest path. With a manual clock: two scheduler
// nodes on one database emit each slot once (the unique insert decides), a scheduler that was
// down fires the latest missed slot once and no backlog, a new schedule never fires a slot from
// before it existed, time zones (and their DST changes) place the slots, templates see the
// fire, and a fire whose node died before storing its event is emitted by another. With the
// real clock and a seconds field: two running schedulers, each slot once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emptyConfig } from "../../src/config/types.js";
import type { ReflexConfig } from "../../src/config/types.js";
import { ManualClock, systemClock } from "../../src/core/clock.js";
import type { Clock } from "../../src/core/clock.js";
import type { IngestService } from "../../src/events/ingest-service.js";
import { CronSlots } from "../../src/sources/schedules/cron-slots.js";
import { Scheduler } from "../../src/sources/schedules/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";
import { waitFor } from "../support/reflex.js";
import { configFrom, ingestFor, secondStore, silent, storedEvents } from "./probes-schedules-support.js";

let store: Store;
let other: Store;
let database: TestDatabase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, database, cleanup } = await openTestStore());
  other = await secondStore(database);
});
afterAll(async () => {
  await other.close();
  await cleanup();
});

const schedulers: Scheduler[] = [];
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
});

/** Every emission a scheduler made: `<source> <id>` of each event. */
type Emissions = string[];

/** A scheduler on `on` whose emissions are counted in `emitted`. */
function scheduler(config: ReflexConfig, clock: Clock, on: Store, emitted: Emissions): { scheduler: Scheduler; idle(): Promise<void> } {
  const { ingest, idle } = ingestFor(on, clock, () => config);
  const sink: Pick<IngestService, "ingest"> = {
    ingest: (bus, items) => {
      for (const item of items) if (item.ok) emitted.push(`${item.event.source} ${item.event.id}`);
      return ingest.ingest(bus, items);
    },
  };
  const created = new Scheduler({ store: on, clock, config: () => config, sink, logger: silent });
  schedulers.push(created);
  return { scheduler: created, idle };
}

async function firesOf(schedule: string): Promise<{ slot_ms: number; emitted_ms: number | null }[]> {
  return store.db.selectFrom("schedule_fires").select(["slot_ms", "emitted_ms"]).where("schedule", "=", schedule).orderBy("slot_ms").execute();
}

const at = (iso: string): number => Date.parse(iso);

describe("schedules", () => {
  it("emits each slot once when two scheduler nodes run on the same database", async () => {
    const clock = new ManualClock(at("2026-01-01T00:00:00.500Z"));
    const config = await configFrom(["kind: Schedule", "name: tick", "cron: '* * * * * *'", "event: {type: test.tick, data: {at: '{{ now }}'}}"].join("\n"));
    const emitted: Emissions = [];
    const a = scheduler(config, clock, store, emitted);
    const b = scheduler(config, clock, other, emitted);
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]); // starts following: nothing from before
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    }
    await Promise.all([a.idle(), b.idle()]);
    const events = await storedEvents(store, "reflex.schedule/tick");
    expect(events.map((e) => e.time)).toEqual(["01", "02", "03", "04", "05"].map((s) => `2026-01-01T00:00:${s}.000Z`));
    expect(events.map((e) => (e.data as { at: string }).at)).toEqual(events.map((e) => e.time));
    expect(events[0]).toMatchObject({ type: "test.tick", source: "reflex.schedule/tick", subject: "tick" });
    expect(emitted).toHaveLength(5);
    expect(new Set(emitted).size).toBe(5);
    expect((await firesOf("tick")).every((f) => f.emitted_ms !== null)).toBe(true);
  });

  it("fires the latest slot missed while no scheduler ran once, late, and then keeps time", async () => {
    const clock = new ManualClock(at("2026-01-01T00:00:30Z"));
    const config = await configFrom(["kind: Schedule", "name: minutely", "cron: '* * * * *'"].join("\n"));
    const emitted: Emissions = [];
    const first = scheduler(config, clock, store, emitted);
    await first.scheduler.tick();
    clock.set(at("2026-01-01T00:01:00Z"));
    await first.scheduler.tick();
    await first.scheduler.stop();
    // Down for ten minutes; a scheduler comes back in the middle of a minute.
    clock.set(at("2026-01-01T00:11:30Z"));
    const second = scheduler(config, clock, other, emitted);
    await second.scheduler.tick();
    clock.set(at("2026-01-01T00:12:00Z"));
    await second.scheduler.tick();
    await Promise.all([first.idle(), second.idle()]);
    const events = await storedEvents(store, "reflex.schedule/minutely");
    expect(events.map((e) => e.time)).toEqual(["2026-01-01T00:01:00.000Z", "2026-01-01T00:11:00.000Z", "2026-01-01T00:12:00.000Z"]);
    expect(events[1]).toMatchObject({ type: "reflex.schedule.fired", data: { schedule: "minutely", scheduled: "2026-01-01T00:11:00.000Z", local: "2026-01-01T00:11:00+00:00", timezone: "UTC" } });
  });

  it("reads the cron in the schedule's time zone and offers the local time to templates", async () => {
    const clock = new ManualClock(at("2026-01-01T18:59:59Z"));
    const config = await configFrom(
      [
        "kind: Schedule",
        "name: shanghai-3am",
        "cron: '0 3 * * *'",
        "timezone: Asia/Shanghai",
        "event: {type: ops.report.due, subject: \"{{ 'report-' & $substring(local, 0, 10) }}\", data: {local: '{{ local }}', firedAt: '{{ firedAt }}'}}",
      ].join("\n"),
    );
    const { scheduler: s, idle } = scheduler(config, clock, store, []);
    await s.tick();
    clock.advance(1000);
    await s.tick();
    await idle();
    const [event] = await storedEvents(store, "reflex.schedule/shanghai-3am");
    expect(event).toMatchObject({ time: "2026-01-01T19:00:00.000Z", subject: "report-2026-01-02", data: { local: "2026-01-02T03:00:00+08:00", firedAt: "2026-01-01T19:00:00.000Z" } });
  });

  it("places slots across a daylight-saving change", () => {
    const slots = new CronSlots({ cron: "0 9 * * *", timezone: "America/New_York" });
    const first = slots.after(at("2026-03-07T00:00:00Z"));
    const second = slots.after(first ?? 0);
    // 09:00 EST (UTC-5) before the change on 8 March, 09:00 EDT (UTC-4) after it.
    expect([first, second].map((ms) => new Date(ms ?? 0).toISOString())).toEqual(["2026-03-07T14:00:00.000Z", "2026-03-08T13:00:00.000Z"]);
    expect(slots.latest(at("2026-03-08T13:00:00Z"))).toBe(at("2026-03-08T13:00:00Z"));
  });

  it("emits a fire whose node died before storing its event", async () => {
    const clock = new ManualClock(at("2026-01-01T00:00:00Z"));
    const config = await configFrom(["kind: Schedule", "name: hourly", "cron: '@hourly'"].join("\n"));
    const event = { specversion: "1.0", id: "schedule-orphan", source: "reflex.schedule/hourly", type: "reflex.schedule.fired", time: "2025-12-31T23:00:00.000Z" };
    await store.db
      .insertInto("schedule_fires")
      .values({ schedule: "hourly", slot_ms: at("2025-12-31T23:00:00Z"), bus: "default", event: JSON.stringify(event), fired_ms: clock.now() - 60_000, emitted_ms: null })
      .execute();
    const { scheduler: s, idle } = scheduler(config, clock, store, []);
    await s.tick();
    await idle();
    // The orphan is emitted as it was made; the slot that came since fires as well.
    const events = await storedEvents(store, "reflex.schedule/hourly");
    expect(events.find((e) => e.id === "schedule-orphan")).toEqual(event);
    expect(events.map((e) => e.time).sort()).toEqual(["2025-12-31T23:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
    expect(await firesOf("hourly")).toEqual([
      { slot_ms: at("2025-12-31T23:00:00Z"), emitted_ms: clock.now() },
      { slot_ms: at("2026-01-01T00:00:00Z"), emitted_ms: clock.now() },
    ]);
  });

  it("prunes old fires but always keeps each schedule's latest, which tells a restarted node where it stands", async () => {
    const clock = new ManualClock(at("2026-02-01T00:00:00Z"));
    const old = at("2026-01-20T00:00:00Z");
    const row = (schedule: string, slot: number, emitted: number | null) => ({ schedule, slot_ms: slot, bus: "default", event: "{}", fired_ms: slot, emitted_ms: emitted });
    await store.db
      .insertInto("schedule_fires")
      .values([row("pruned", old, old), row("pruned", old + 60_000, old), row("pruned", old + 120_000, old), row("pruned-unemitted", old, null), row("pruned-unemitted", old + 60_000, old)])
      .execute();
    const { scheduler: s } = scheduler(emptyConfig(), clock, store, []);
    await s.tick();
    expect((await firesOf("pruned")).map((f) => f.slot_ms)).toEqual([old + 120_000]);
    expect((await firesOf("pruned-unemitted")).map((f) => f.slot_ms)).toEqual([old, old + 60_000]);
    await store.db.deleteFrom("schedule_fires").where("schedule", "like", "pruned%").execute();
  });

  it("keeps time on the real clock: two running schedulers, a seconds field, each slot once", async () => {
    const config = await configFrom(["kind: Schedule", "name: live", "cron: '* * * * * *'"].join("\n"));
    const emitted: Emissions = [];
    const a = scheduler(config, systemClock, store, emitted);
    const b = scheduler(config, systemClock, other, emitted);
    a.scheduler.start();
    b.scheduler.start();
    await waitFor(async () => ((await storedEvents(store, "reflex.schedule/live")).length >= 3 ? true : undefined), "three fires of a seconds schedule", 10_000);
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
    await Promise.all([a.idle(), b.idle()]);
    const events = await storedEvents(store, "reflex.schedule/live");
    const slots = events.map((e) => Date.parse(e.time ?? ""));
    expect(slots.every((ms) => ms % 1000 === 0)).toBe(true);
    expect(new Set(slots).size).toBe(slots.length);
    expect(emitted.filter((e) => e.startsWith("reflex.schedule/live ")).length).toBe(events.length);
    expect((await firesOf("live")).length).toBe(events.length);
  });
});
