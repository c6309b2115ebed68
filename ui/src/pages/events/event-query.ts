// The Events page's state is its URL: `/events?q=&type=&source=&subject=&bus=&from=&to=
// &pattern=&dialect=&limit=&cursor=&live=1`. This file reads the filters from the query string
// and turns them into the API's query (the same names: the URL of a search is the API's).
import type { QueryValues } from "../../api/client";
import { pathTo } from "../../app/router";
import type { StoredEvent } from "./types";

/** The search filters, in the order the form shows them. */
export const FILTER_KEYS = ["q", "source", "type", "subject", "bus", "from", "to", "pattern", "dialect"] as const;

/** One filter's name. */
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters in force; absent keys do not filter. */
export type EventFilters = Partial<Record<FilterKey, string>>;

/** Page sizes offered; the API allows up to 1000. */
export const PAGE_SIZES = [50, 100, 200] as const;

/** The filters of a query string (empty values dropped). */
export function filtersOf(query: Readonly<Record<string, string>>): EventFilters {
  const filters: EventFilters = {};
  for (const key of FILTER_KEYS) {
    const value = query[key]?.trim();
    if (value !== undefined && value !== "") filters[key] = value;
  }
  return filters;
}

/** True when any filter is set. */
export function hasFilters(filters: EventFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** A stable string naming a set of filters (to notice when they change). */
export function filtersKey(filters: EventFilters): string {
  return FILTER_KEYS.map((key) => `${key}=${filters[key] ?? ""}`).join("&");
}

/** The page size in the URL, or the default (50). */
export function limitOf(value: string | undefined): number {
  const n = Number(value);
  return PAGE_SIZES.includes(n as (typeof PAGE_SIZES)[number]) ? n : PAGE_SIZES[0];
}

/** The API query of a search: the filters plus paging. */
export function apiQuery(filters: EventFilters, paging: { limit: number; cursor?: string; after?: number }): QueryValues {
  return { ...filters, limit: paging.limit, cursor: paging.cursor, after: paging.after };
}

/** The console link to one event (bus and source make the id unique). */
export function eventHref(e: StoredEvent): string {
  return pathTo("/events/:id", { id: e.event.id }, { bus: e.bus, source: e.event.source });
}
