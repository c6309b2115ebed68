// The Events page (`/events`): search stored events by bus, source, type, subject, time range,
// free text and an event pattern; page through them newest first; follow new ones live. Every
// filter, the page and the live switch are in the URL, so a search is a link.
import { useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { setQuery, useQuery } from "../../app/query-state";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, EmptyState, PageHeader } from "../../components";
import "../../styles/events.css";
import { apiQuery, filtersKey, filtersOf, hasFilters, limitOf } from "./event-query";
import type { EventFilters } from "./event-query";
import { EventFilterForm } from "./event-filters";
import { EventsPager } from "./events-pager";
import { EventsTable } from "./events-table";
import { LiveToggle } from "./live-toggle";
import type { EventPage, StoredEvent } from "./types";
import { useLiveTail } from "./use-live-tail";

/** `/events`: search and live tail. */
export function EventsPage(_props: PageProps): ReactNode {
  useTitle("Events");
  const query = useQuery();
  const filters = useMemo(() => filtersOf(query), [query]);
  const key = filtersKey(filters);
  const limit = limitOf(query.limit);
  const cursor = query.cursor === "" ? undefined : query.cursor;
  const live = query.live === "1" && cursor === undefined;

  const state = useApi<EventPage>("/api/v1/events", { query: apiQuery(filters, { limit, cursor }) });
  const buses = useApi<{ items: { name?: unknown }[] }>("/api/v1/buses");
  const busNames = (buses.data?.items ?? []).flatMap((b) => (typeof b.name === "string" ? [b.name] : []));

  const since = live && state.data !== undefined && !state.loading ? (state.data.items[0]?.seq ?? 0) : null;
  const tail = useLiveTail(live, filters, key, since);

  // Cursors of the newer pages visited, to go back one page; a new search forgets them.
  const [newer, setNewer] = useState<(string | undefined)[]>([]);
  useEffect(() => setNewer([]), [key, limit]);

  const search = (next: EventFilters): void => setQuery({ ...blank(), ...next, cursor: undefined }, { push: true });
  const older = (nextCursor: string): void => {
    setNewer((stack) => [...stack, cursor]);
    setQuery({ cursor: nextCursor, live: undefined }, { push: true });
  };
  const newerPage = (): void => {
    const previous = newer[newer.length - 1];
    setNewer((stack) => stack.slice(0, -1));
    setQuery({ cursor: previous });
  };

  return (
    <>
      <PageHeader
        title="Events"
        subtitle="Search stored events with filters, free text and an event pattern; follow new ones live."
        actions={<LiveToggle on={live} onChange={(on) => setQuery({ live: on ? "1" : undefined, cursor: undefined })} tail={tail} />}
      />
      <EventFilterForm filters={filters} onSearch={search} buses={busNames} />
      <ApiView state={state} loading={8}>
        {(page) => {
          const fresh = new Set(tail.items.map((e) => e.seq));
          const rows = merge(tail.items, page.items);
          return (
            <section className="events-results" data-testid="events-results">
              <div className="events-results__bar">
                <span className="events-results__count" data-testid="events-count">
                  {summary(rows.length, page, cursor, tail.items.length)}
                </span>
                {tail.gap && (
                  <span className="inline-error" data-testid="events-live-gap">
                    More events arrived at once than the tail fetches; some are not shown — search again to see them all.
                  </span>
                )}
                <EventsPager
                  cursor={cursor}
                  nextCursor={page.nextCursor}
                  canGoNewer={newer.length > 0}
                  onOlder={() => page.nextCursor !== null && older(page.nextCursor)}
                  onNewer={newerPage}
                  onNewest={() => setQuery({ cursor: undefined })}
                  limit={limit}
                  onLimit={(n) => setQuery({ limit: n === 50 ? undefined : String(n), cursor: undefined })}
                />
              </div>
              <EventsTable rows={rows} fresh={fresh} empty={<NoEvents filters={filters} page={page} onOlder={() => page.nextCursor !== null && older(page.nextCursor)} onClear={() => search({})} />} />
            </section>
          );
        }}
      </ApiView>
    </>
  );
}

/** Every filter key set to undefined: a new search replaces the old filters whole. */
function blank(): Record<string, undefined> {
  return { q: undefined, source: undefined, type: undefined, subject: undefined, bus: undefined, from: undefined, to: undefined, pattern: undefined, dialect: undefined };
}

/** Tail events first, then the page, each event once. */
function merge(tail: readonly StoredEvent[], page: readonly StoredEvent[]): StoredEvent[] {
  if (tail.length === 0) return [...page];
  const seen = new Set(tail.map((e) => e.seq));
  return [...tail, ...page.filter((e) => !seen.has(e.seq))];
}

function summary(count: number, page: EventPage, cursor: string | undefined, fresh: number): string {
  const parts = [`${count.toLocaleString("en-US")} ${count === 1 ? "event" : "events"}${cursor === undefined ? ", newest first" : ", an older page"}`];
  if (fresh > 0) parts.push(`${fresh} arrived live`);
  if (page.scanned !== undefined) parts.push(`${page.scanned.toLocaleString("en-US")} examined by the pattern`);
  return parts.join(" · ");
}

function NoEvents({ filters, page, onOlder, onClear }: { filters: EventFilters; page: EventPage; onOlder: () => void; onClear: () => void }): ReactNode {
  if (page.nextCursor !== null) {
    return (
      <EmptyState
        title="None of the events examined on this page match"
        testId="events-empty"
        action={
          <button type="button" className="button" onClick={onOlder} data-testid="events-empty-older">
            Examine older events
          </button>
        }
      >
        A pattern search examines at most 20,000 events (or 150 ms) per page{page.scanned === undefined ? "" : ` (this one: ${page.scanned.toLocaleString("en-US")})`}; older events remain.
      </EmptyState>
    );
  }
  if (!hasFilters(filters)) {
    return (
      <EmptyState title="No events stored yet" testId="events-empty">
        Events sent to <code>POST /api/v1/events</code>, a declared source or a cloud adapter appear here.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No events match these filters"
      testId="events-empty"
      action={
        <button type="button" className="button" onClick={onClear} data-testid="events-empty-clear">
          Clear the filters
        </button>
      }
    >
      Source, type, subject and bus match exactly; widen the time range or try free text.
    </EmptyState>
  );
}
