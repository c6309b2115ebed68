// Search by event pattern. The database cannot evaluate a pattern, so the other filters narrow
// the events in SQL and the compiled pattern is applied here, walking newest first in pages
// until the page is full or a scan budget is spent; the cursor then says where to go on.
import type { StoredEvent } from "../core/event.js";
import type { CompiledPattern } from "../patterns/index.js";
import { searchEvents } from "../store/event-repository.js";
import type { EventFilter } from "../store/event-repository.js";
import type { Store } from "../store/open-store.js";

/** Events examined per request at most, so one search cannot hold the database for long. */
export const PATTERN_SCAN_BUDGET = 20_000;
const PAGE = 500;

export interface PatternSearchResult {
  items: StoredEvent[];
  /** Sequence number to continue below, or null when every candidate was examined. */
  continueBelow: number | null;
  scanned: number;
}

/** The newest events that pass `filter` and match `pattern`, at most `limit`. */
export async function searchByPattern(store: Store, filter: EventFilter, pattern: CompiledPattern, limit: number, budget = PATTERN_SCAN_BUDGET): Promise<PatternSearchResult> {
  const items: StoredEvent[] = [];
  let below = filter.beforeSeq;
  let scanned = 0;
  while (scanned < budget) {
    const page = await searchEvents(store.db, store.dialect, { ...filter, beforeSeq: below }, Math.min(PAGE, budget - scanned));
    for (const stored of page) {
      scanned += 1;
      below = stored.seq;
      if (!pattern.matches(stored.event)) continue;
      items.push(stored);
      if (items.length === limit) return { items, continueBelow: stored.seq, scanned };
    }
    if (page.length < PAGE) return { items, continueBelow: null, scanned };
  }
  return { items, continueBelow: below ?? null, scanned };
}
