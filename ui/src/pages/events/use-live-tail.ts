// The live tail of the Events page: every 2 seconds it asks for the events stored after the
// newest one shown (`after=<seq>`, the same filters), walking back with the cursor when more
// arrived than one page holds, and hands them over newest first. It stops when the tab is
// hidden, keeps at most MAX_TAIL events, and says so when a burst was too big to fetch whole.
import { useEffect, useRef, useState } from "react";
import type { ApiError } from "../../api/api-error";
import { isAbort, toApiError } from "../../api/api-error";
import { api } from "../../api/client";
import { apiQuery } from "./event-query";
import type { EventFilters } from "./event-query";
import type { EventPage, StoredEvent } from "./types";

/** How often the tail asks. */
export const TAIL_EVERY_MS = 2000;
/** Events kept by the tail (older ones fall off the bottom of what it adds). */
export const MAX_TAIL = 500;
const PAGE = 200;
const PAGES_PER_POLL = 5;

/** What the tail has seen. */
export interface LiveTail {
  /** Events that arrived since the tail started, newest first. */
  items: readonly StoredEvent[];
  /** A burst was larger than one poll fetches: some events in between are not shown. */
  gap: boolean;
  /** The last poll's failure (cleared by the next success). */
  error: ApiError | undefined;
  /** When the last poll answered (epoch ms). */
  lastPoll: number | null;
}

const IDLE: LiveTail = { items: [], gap: false, error: undefined, lastPoll: null };

/**
 * Follows new events matching `filters` after seq `since` while `enabled` (null `since`: not
 * known yet, wait). A change of filters or `since` starts over.
 */
export function useLiveTail(enabled: boolean, filters: EventFilters, filtersKey: string, since: number | null): LiveTail {
  const [tail, setTail] = useState<LiveTail>(IDLE);
  const latest = useRef(filters);
  latest.current = filters;

  useEffect(() => {
    setTail(IDLE);
    if (!enabled || since === null) return;
    let newest = since;
    let busy = false;
    const controller = new AbortController();

    const poll = async (): Promise<void> => {
      if (busy || document.visibilityState !== "visible") return;
      busy = true;
      try {
        const found: StoredEvent[] = [];
        let cursor: string | undefined;
        let gap = false;
        for (let page = 0; ; page++) {
          const answer = await api<EventPage>("/api/v1/events", { query: apiQuery(latest.current, { limit: PAGE, cursor, after: newest }), signal: controller.signal });
          found.push(...answer.items);
          if (answer.nextCursor === null) break;
          if (page + 1 >= PAGES_PER_POLL) {
            gap = true;
            break;
          }
          cursor = answer.nextCursor;
        }
        if (controller.signal.aborted) return;
        const top = found[0];
        if (top !== undefined) newest = Math.max(newest, top.seq);
        setTail((t) => ({
          items: found.length === 0 ? t.items : [...found, ...t.items].slice(0, MAX_TAIL),
          gap: t.gap || gap,
          error: undefined,
          lastPoll: Date.now(),
        }));
      } catch (error) {
        if (isAbort(error) || controller.signal.aborted) return;
        setTail((t) => ({ ...t, error: toApiError(error, "/api/v1/events") }));
      } finally {
        busy = false;
      }
    };

    void poll();
    const timer = window.setInterval(() => void poll(), TAIL_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [enabled, filtersKey, since]);

  return tail;
}
