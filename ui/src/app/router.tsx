// A tiny router on the History API: the URL is the state (so every view is a link someone can
// share), `navigate()` changes it without a reload, `<Link>` is an anchor that does the same,
// and routes are path patterns with `:params`. Query helpers keep filters in the URL.
import { useSyncExternalStore } from "react";
import type { AnchorHTMLAttributes, ComponentType, MouseEvent, ReactNode } from "react";

const NAVIGATE = "reflex:navigate";

function subscribe(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(NAVIGATE, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(NAVIGATE, listener);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current location, re-rendering on every navigation. */
export function useLocation(): { pathname: string; search: string; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const at = href.indexOf("?");
  return at === -1 ? { pathname: href, search: "", href } : { pathname: href.slice(0, at), search: href.slice(at), href };
}

/** Goes to `to` (a path with optional query) without reloading. `replace` keeps history short (filters). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace === true) window.history.replaceState(null, "", to);
  else {
    window.history.pushState(null, "", to);
    window.scrollTo(0, 0);
  }
  window.dispatchEvent(new Event(NAVIGATE));
}

/** Props of `<Link>`: an anchor's, with `to` instead of `href`. */
export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: string;
  replace?: boolean;
  children?: ReactNode;
}

/** An anchor that navigates in place; ctrl/cmd/middle-click still open a new tab. */
export function Link({ to, replace, onClick, children, ...rest }: LinkProps): ReactNode {
  const handle = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target !== undefined && rest.target !== "_self") return;
    event.preventDefault();
    navigate(to, { replace: replace === true });
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/** Route parameters, decoded (`/events/:id` → `{id}`). */
export type Params = Readonly<Record<string, string>>;

/** What every page component receives. */
export interface PageProps {
  params: Params;
}

/** One entry of the route table. */
export interface Route {
  /** e.g. `/executions/:id`; `*` as the last segment matches the rest. */
  path: string;
  page: ComponentType<PageProps>;
}

/** The params when `pattern` matches `pathname`, else null. A trailing slash is ignored. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split("/").filter((s) => s !== "");
  const have = pathname.split("/").filter((s) => s !== "");
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? "";
    if (part === "*") {
      params["*"] = have.slice(i).map(safeDecode).join("/");
      return params;
    }
    const value = have[i];
    if (value === undefined) return null;
    if (part.startsWith(":")) params[part.slice(1)] = safeDecode(value);
    else if (part !== value) return null;
  }
  return have.length === want.length ? params : null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The first route matching the current path, or null. */
export function useRoute(routes: readonly Route[]): { route: Route; params: Params } | null {
  const { pathname } = useLocation();
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params !== null) return { route, params };
  }
  return null;
}

/** Builds a path from a pattern, encoding each parameter: `pathTo("/events/:id", {id})`. */
export function pathTo(pattern: string, params: Readonly<Record<string, string>>, query?: Readonly<Record<string, string | undefined>>): string {
  const path = pattern.replace(/:([A-Za-z_]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ""));
  return query === undefined ? path : path + queryString(query);
}

/** `?a=1&b=2` from values; empty and undefined values are left out; "" when nothing is left. */
export function queryString(values: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") params.set(key, value);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
