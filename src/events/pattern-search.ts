// Search by event pattern. The database cannot evaluate a pattern, so the other filters narrow
// the events in SQL and the compiled pattern is applied here, walking newest first in pages
// until the page is full or a scan budget (a number of events, and a time) is spent; the cursor
// then says where to go on. The time budget keeps a page that finds little quick to answer (an
// operator waits for it), whatever the machine and the size of the events.
import type { StoredEvent } from "../core/event.js";
import type { CompiledPattern } from "../patterns/index.js";
import { searchEvents } from "../store/event-repository.js";
import type { EventFilter } from "../store/event-repository.js";
import type { Store } from "../store/open-store.js";

/** Events examined per request at most, so one search cannot hold the database for long. */
export const PATTERN_SCAN_BUDGET = 20_000;
/** Time one request spends examining events at most, in milliseconds (checked between pages). */
export const PATTERN_SCAN_MS = 150;
const PAGE = 500;

export interface PatternSearchResult {
  items: StoredEvent[];
  /** Sequence number to continue below, or null when every candidate was examined. */
  continueBelow: number | null;
  scanned: number;
}

/** The newest events that pass `filter` and match `pattern`, at most `limit`. */
export async function searchByPattern(store: Store, filter: EventFilter, pattern: CompiledPattern, limit: number, budget = PATTERN_SCAN_BUDGET, timeBudgetMs = PATTERN_SCAN_MS): Promise<PatternSearchResult> {
  const items: StoredEvent[] = [];
  let below = filter.beforeSeq;
  let scanned = 0;
  const deadline = performance.now() + timeBudgetMs;
  while (scanned < budget && (scanned === 0 || performance.now() < deadline)) {
    const asked = Math.min(PAGE, budget - scanned);
    const page = await searchEvents(store.db, store.dialect, { ...filter, beforeSeq: below }, asked);
    for (const stored of page) {
      scanned += 1;
      below = stored.seq;
      if (!pattern.matches(stored.event)) continue;
      items.push(stored);
      if (items.length === limit) return { items, continueBelow: stored.seq, scanned };
    }
    // Fewer than asked: nothing older is left (a page cut short by the budget is not the end).
    if (page.length < asked) return { items, continueBelow: null, scanned };
  }
  return { items, continueBelow: below ?? null, scanned };
}
