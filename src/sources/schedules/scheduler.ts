// The scheduler of a scheduler node: fires each Schedule of the configuration in force at its
// slots, once per cluster. At each round it takes, per schedule, the latest slot that has come
// (at or before now); if that slot is newer than the last one fired, it records the fire under
// the unique key (schedule, slot) and, only if its insert is the one that succeeded, emits the
// event. Several scheduler nodes can run this at once; whichever inserts first emits.
//
// Missed slots. A slot that came while no scheduler ran (the cluster was down) fires once,
// late, when a scheduler comes back: the latest such slot only, never a backlog (as anacron
// or Kubernetes CronJobs do). A schedule that never fired starts from the moment a scheduler
// first sees it, so adding a schedule never fires a slot from before it existed.
import type { Logger } from "pino";
import type { ScheduleSpec } from "../../config/schedule-types.js";
import type { ReflexConfig } from "../../config/types.js";
import type { Clock } from "../../core/clock.js";
import type { CloudEvent } from "../../core/event.js";
import type { Store } from "../../store/open-store.js";
import { emitEvent } from "../emit-event.js";
import type { EventSink } from "../emit-event.js";
import { CronSlots } from "./cron-slots.js";
import { ScheduleEventTemplate } from "./schedule-event.js";
import { insertFire, latestFiredSlot, markEmitted, pruneFires, unemittedFires } from "./schedule-fires.js";

/** What a scheduler needs. */
export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  /** The configuration in force; read at every round. */
  config: () => ReflexConfig;
  /** Where the schedules' events go (the ingest service). */
  sink: EventSink;
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Longest wait between two rounds (default 1 s), so that reloads and clock changes are seen. */
  maxWaitMs?: number;
  /** A fire whose event is not marked stored after this long is emitted again (default 10 s). */
  recoverAfterMs?: number;
  /** Emitted fires are kept this long (default 7 days); each schedule's latest is always kept. */
  keepFiresMs?: number;
}

/** A schedule as this node follows it. */
interface Followed {
  spec: ScheduleSpec;
  slots: CronSlots;
  template: ScheduleEventTemplate;
  /** The latest slot known fired (by any node), or when this node began following a schedule that never fired. */
  watermark: number;
  /** The first slot after the watermark; null when the schedule fires no more. */
  next: number | null;
}

/** Most unmarked fires emitted again in one round. */
const RECOVER_BATCH = 100;
/** How often old fires are pruned. */
const PRUNE_EVERY_MS = 3_600_000;

export class Scheduler {
  private readonly followed = new Map<string, Followed>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private recoveredMs = -Infinity;
  private prunedMs = -Infinity;

  constructor(private readonly options: SchedulerOptions) {}

  /** Starts the rounds: each runs when the next slot is due, or after `maxWaitMs` at most. */
  start(): void {
    if (this.stopped || this.timer !== null) return;
    const next = (): void => {
      this.round = this.tick()
        .catch((err: unknown) => this.options.logger.error({ err }, "a schedule round failed; trying again next round"))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(next, this.waitMs());
          this.timer.unref();
        });
    };
    next();
  }

  /** Stops the rounds and waits for the one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.round;
  }

  /** One round: fires what is due, emits fires left unstored, prunes old fires now and then. */
  async tick(): Promise<void> {
    const { clock, store } = this.options;
    const schedules = this.options.config().schedules;
    const now = clock.now();
    for (const name of this.followed.keys()) if (!schedules.has(name)) this.followed.delete(name);
    for (const spec of schedules.values()) {
      const followed = await this.follow(spec, now);
      if (followed.next !== null && followed.next <= now) await this.fire(followed, now);
    }
    if (now - this.recoveredMs >= (this.options.recoverAfterMs ?? 10_000)) {
      this.recoveredMs = now;
      await this.recover(now);
    }
    if (now - this.prunedMs >= PRUNE_EVERY_MS) {
      this.prunedMs = now;
      const removed = await pruneFires(store.db, now - (this.options.keepFiresMs ?? 7 * 86_400_000));
      if (removed > 0) this.options.logger.info({ removed }, "pruned old schedule fires");
    }
  }

  /** The schedule as followed, started or brought up to date with `spec`. */
  private async follow(spec: ScheduleSpec, now: number): Promise<Followed> {
    let followed = this.followed.get(spec.name);
    if (followed === undefined) {
      const watermark = (await latestFiredSlot(this.options.store.db, spec.name)) ?? now;
      followed = { spec, slots: new CronSlots(spec), template: new ScheduleEventTemplate(spec), watermark, next: null };
      this.followed.set(spec.name, followed);
    } else if (followed.spec !== spec) {
      followed.spec = spec;
      followed.slots = new CronSlots(spec);
      followed.template = new ScheduleEventTemplate(spec);
    }
    followed.next = followed.slots.after(followed.watermark);
    return followed;
  }

  /** Fires the latest slot that has come, if this node's insert of it is the one that succeeds. */
  private async fire(followed: Followed, now: number): Promise<void> {
    const { spec } = followed;
    const slot = followed.slots.latest(now);
    if (slot === null || slot <= followed.watermark) return;
    let event: CloudEvent;
    try {
      event = await followed.template.render(slot, now);
    } catch (err) {
      this.options.logger.error({ err, schedule: spec.name }, `schedule ${spec.name}: its event could not be made for ${new Date(slot).toISOString()}; the slot is skipped`);
      this.advance(followed, slot);
      return;
    }
    const recorded = await insertFire(this.options.store.db, { schedule: spec.name, slotMs: slot, bus: spec.bus, event: JSON.stringify(event), firedMs: now });
    const firstMissed = followed.next;
    this.advance(followed, slot);
    if (!recorded) return;
    if (firstMissed !== null && firstMissed < slot) {
      this.options.logger.info({ schedule: spec.name, slot: event.time }, `schedule ${spec.name}: slots were missed while no scheduler ran; the latest, ${event.time ?? ""}, fires now`);
    }
    await this.emit(spec.name, slot, spec.bus, event);
  }

  private advance(followed: Followed, slot: number): void {
    followed.watermark = slot;
    followed.next = followed.slots.after(slot);
  }

  /** Emits fires whose event was recorded but not marked stored (their node died in between). */
  private async recover(now: number): Promise<void> {
    const rows = await unemittedFires(this.options.store.db, now - (this.options.recoverAfterMs ?? 10_000), RECOVER_BATCH);
    for (const row of rows) await this.emit(row.schedule, row.slot_ms, row.bus, JSON.parse(row.event) as CloudEvent);
  }

  /** Stores a fire's event and marks it; one that cannot be stored now is left for `recover`. */
  private async emit(schedule: string, slot: number, bus: string, event: CloudEvent): Promise<void> {
    const { logger, store, sink, clock } = this.options;
    try {
      const outcome = await emitEvent(sink, bus, event);
      if (!outcome.stored) logger.warn({ schedule, bus, type: event.type }, `schedule ${schedule}: bus ${bus} refused its ${event.type} event: ${outcome.error}`);
      await markEmitted(store.db, schedule, slot, clock.now());
    } catch (err) {
      logger.error({ err, schedule, bus }, `schedule ${schedule}: its event for ${event.time ?? ""} could not be stored; it is tried again shortly`);
    }
  }

  /** Time until the next slot of any schedule, at most `maxWaitMs`. */
  private waitMs(): number {
    const now = this.options.clock.now();
    let wait = this.options.maxWaitMs ?? 1000;
    for (const { next } of this.followed.values()) if (next !== null) wait = Math.min(wait, next - now);
    return Math.max(5, wait);
  }
}
