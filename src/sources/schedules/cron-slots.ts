// The fire times ("slots") of one schedule, computed with croner in the schedule's time zone.
// Croner is used as a calculator only (no timers of its own): the scheduler owns its timer and
// its clock, so tests can move time by hand and every node computes the same slots.
import { Cron } from "croner";
import type { ScheduleSpec } from "../../config/schedule-types.js";
import { CRON_MODE } from "../../config/kinds/schedule-cron.js";

export class CronSlots {
  private readonly cron: Cron;

  /** Reads `spec.cron` in `spec.timezone` (both checked when the config was loaded). */
  constructor(spec: Pick<ScheduleSpec, "cron" | "timezone">) {
    this.cron = new Cron(spec.cron, { mode: CRON_MODE, timezone: spec.timezone });
  }

  /** The latest slot at or before `ms`, or null when there is none. */
  latest(ms: number): number | null {
    // Croner's previous runs are strictly before its reference (to the millisecond).
    return this.cron.previousRuns(1, new Date(ms + 1))[0]?.getTime() ?? null;
  }

  /** The first slot strictly after `ms`, or null when there is none. */
  after(ms: number): number | null {
    return this.cron.nextRun(new Date(ms))?.getTime() ?? null;
  }
}
