// Filters and tabs live in the query string, so a filtered view is a link someone can share.
// `useQuery()` reads it; `setQuery()` merges changes into it without adding history entries.
import { useMemo } from "react";
import { navigate, queryString, useLocation } from "./router";

/** The current query as a plain object (the first value of each key). */
export function useQuery(): Readonly<Record<string, string>> {
  const { search } = useLocation();
  return useMemo(() => Object.fromEntries(new URLSearchParams(search)), [search]);
}

/**
 * Merges `changes` into the current query (undefined or "" removes a key) and goes there.
 * Replaces the history entry unless `push` is set, so typing in a filter does not flood Back.
 */
export function setQuery(changes: Readonly<Record<string, string | undefined>>, options: { push?: boolean } = {}): void {
  const current = Object.fromEntries(new URLSearchParams(window.location.search));
  const next = { ...current, ...changes };
  navigate(window.location.pathname + queryString(next), { replace: options.push !== true });
}

/** One query key as state: `[value, set]`, with `fallback` when the key is absent. */
export function useQueryParam(key: string, fallback = ""): [string, (value: string | undefined) => void] {
  const query = useQuery();
  return [query[key] ?? fallback, (value) => setQuery({ [key]: value === fallback ? undefined : value })];
}
