// Pages of the rules list (the API answers every rule at once; the console shows 50 at a time so
// a big rule set stays quick to scan). The page number is in the URL.
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { PAGE_SIZE } from "./rules-filter";

/** "1–50 of 120 · ← Previous · Next →". */
export function RulesPager({ page, total }: { page: number; total: number }): ReactNode {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const at = Math.min(page, pages);
  const first = total === 0 ? 0 : (at - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, at * PAGE_SIZE);
  const go = (to: number): void => setQuery({ page: to === 1 ? undefined : String(to) }, { push: true });
  return (
    <div className="rules-pager" data-testid="rules-pager">
      <span className="muted" data-testid="rules-count">
        {first}–{last} of {total} rule{total === 1 ? "" : "s"}
      </span>
      {pages > 1 && (
        <span className="row">
          <button type="button" className="button button--small" disabled={at <= 1} onClick={() => go(at - 1)} data-testid="rules-page-prev">
            ← Previous
          </button>
          <span className="muted">
            page {at} of {pages}
          </span>
          <button type="button" className="button button--small" disabled={at >= pages} onClick={() => go(at + 1)} data-testid="rules-page-next">
            Next →
          </button>
        </span>
      )}
    </div>
  );
}
