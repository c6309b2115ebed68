// `useApi(path)`: load one API resource into a component, with loading and error states,
// `refetch()`, optional polling, and abort on unmount or when the path changes. The last answer
// per path is remembered, so going back to a page shows its data at once while it reloads.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "./api-error";
import { isAbort, toApiError } from "./api-error";
import { api, withQuery } from "./client";
import type { QueryValues } from "./client";

/** What `useApi` gives a component. */
export interface ApiState<T> {
  /** The last answer for this path (kept while reloading, and after an error). */
  data: T | undefined;
  /** The last failure, cleared by the next success. */
  error: ApiError | undefined;
  /** True while a request is under way (also when `data` from before is shown). */
  loading: boolean;
  /** Loads again now. Resolves when done; never rejects. */
  refetch: () => Promise<void>;
}

/** Options of `useApi`. */
export interface UseApiOptions {
  query?: QueryValues;
  /** Reload every N ms while the component is shown (and the tab visible). */
  pollMs?: number;
}

const CACHE_LIMIT = 200;
const cache = new Map<string, unknown>();

function remember(key: string, value: unknown): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/** Forgets remembered answers (all, or those whose path starts with `prefix`); used on sign-out. */
export function clearApiCache(prefix?: string): void {
  if (prefix === undefined) cache.clear();
  else for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/**
 * Loads `path` (GET) and keeps it current. `null` loads nothing (e.g. until a parameter is known).
 * T is the answer's type as documented in docs/http-api.md.
 */
export function useApi<T>(path: string | null, options: UseApiOptions = {}): ApiState<T> {
  const key = path === null ? null : withQuery(path, options.query);
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: ApiError | undefined; loading: boolean }>(() => ({
    key,
    data: key === null ? undefined : (cache.get(key) as T | undefined),
    error: undefined,
    loading: key !== null,
  }));
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(async (): Promise<void> => {
    if (key === null) return;
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setState((s) => (s.key === key ? { ...s, loading: true } : s));
    try {
      const data = await api<T>(key, { signal: mine.signal });
      if (mine.signal.aborted) return;
      remember(key, data);
      setState({ key, data, error: undefined, loading: false });
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: toApiError(error, key), loading: false }));
    }
  }, [key]);

  // A new path: show what is remembered for it at once, then load.
  if (state.key !== key) {
    setState({ key, data: key === null ? undefined : (cache.get(key) as T | undefined), error: undefined, loading: key !== null });
  }

  useEffect(() => {
    void load();
    return () => controller.current?.abort();
  }, [load]);

  const pollMs = options.pollMs;
  useEffect(() => {
    if (pollMs === undefined || pollMs <= 0 || key === null) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void load();
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [pollMs, key, load]);

  return { data: state.key === key ? state.data : undefined, error: state.key === key ? state.error : undefined, loading: state.key === key ? state.loading : key !== null, refetch: load };
}
