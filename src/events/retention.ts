// Retention: each bus may keep events for a maximum age and up to a maximum count. A sweep
// deletes what falls outside, in batches, so it never holds the database for long.
import type { Clock } from "../core/clock.js";
import type { BusSpec } from "../config/types.js";
import { pruneEvents } from "../store/event-repository.js";
import type { Store } from "../store/open-store.js";

const BATCH = 2_000;

/** Deletes events outside each bus's retention; returns how many were deleted. */
export async function sweepRetention(store: Store, clock: Clock, buses: Iterable<BusSpec>): Promise<number> {
  let deleted = 0;
  for (const bus of buses) {
    const rule = bus.retention;
    if (!rule || (rule.maxAgeMs === undefined && rule.maxCount === undefined)) continue;
    const cutoffMs = rule.maxAgeMs === undefined ? undefined : clock.now() - rule.maxAgeMs;
    for (;;) {
      const n = await pruneEvents(store.db, store.dialect, bus.name, { cutoffMs, maxCount: rule.maxCount }, BATCH);
      deleted += n;
      if (n < BATCH) break;
    }
  }
  return deleted;
}
