// Paging of the executions list. The API pages with a cursor ("older than this id"), so the
// cursor of the page shown lives in the URL (a page is a link) and the cursors of the pages
// seen before are kept by the page (`usePageStack`), to step back to newer pages; from a shared
// link, "Newest" starts over.
import { useState } from "react";
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";

/** What the pager needs to know about the page shown. */
export interface ListPagerProps {
  /** The page's cursor from the URL (undefined: the newest page). */
  cursor: string | undefined;
  /** The cursor of the next (older) page, when there is one. */
  nextCursor: string | undefined;
  /** Rows on this page. */
  count: number;
  /** The cursors of the pages seen before this one (from `usePageStack`). */
  pages: PageStack;
}

/** The cursors of the newer pages seen, newest first; forgotten when the filters change. */
export interface PageStack {
  stack: readonly (string | undefined)[];
  set: (stack: (string | undefined)[]) => void;
}

/** Keeps the page stack across reloads of the list (the pager itself unmounts while loading). */
export function usePageStack(filterKey: string): PageStack {
  const [seen, setSeen] = useState<{ key: string; stack: (string | undefined)[] }>({ key: filterKey, stack: [] });
  return { stack: seen.key === filterKey ? seen.stack : [], set: (stack) => setSeen({ key: filterKey, stack }) };
}

/** "← Newer · Older →" with the number of rows shown. */
export function ListPager({ cursor, nextCursor, count, pages }: ListPagerProps): ReactNode {
  // After the browser's Back the URL names a page of the stack: the pages after it are gone.
  const at = cursor === undefined ? 0 : pages.stack.indexOf(cursor);
  const stack = at === -1 ? pages.stack : pages.stack.slice(0, at);
  const atNewest = cursor === undefined;
  if (atNewest && nextCursor === undefined) return null;

  const older = (): void => {
    if (nextCursor === undefined) return;
    pages.set([...stack, cursor]);
    setQuery({ cursor: nextCursor }, { push: true });
  };
  const newer = (): void => {
    const previous = stack.length > 0 ? stack[stack.length - 1] : undefined;
    pages.set(stack.slice(0, -1));
    setQuery({ cursor: previous }, { push: true });
  };
  const newest = (): void => {
    pages.set([]);
    setQuery({ cursor: undefined }, { push: true });
  };

  return (
    <nav className="executions-pager row" aria-label="Pages" data-testid="executions-pager">
      <button type="button" className="button button--small" disabled={atNewest} onClick={stack.length > 0 ? newer : newest} data-testid="executions-page-newer">
        {stack.length > 0 || atNewest ? "← Newer" : "⇤ Newest"}
      </button>
      {stack.length > 1 && (
        <button type="button" className="button button--small button--ghost" onClick={newest} data-testid="executions-page-newest">
          Newest
        </button>
      )}
      <span className="muted" data-testid="executions-page-info">
        {atNewest ? `newest ${count}` : `page ${stack.length + 1} · ${count} rows`}
      </span>
      <button type="button" className="button button--small" disabled={nextCursor === undefined} onClick={older} data-testid="executions-page-older">
        Older →
      </button>
    </nav>
  );
}
