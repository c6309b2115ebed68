// Previous / next for lists the server answers whole (the simulator's fleet, a drill's
// instances): the page number lives in the URL, the rows are sliced here, so a thousand-instance
// drill does not put a thousand rows in the DOM. (A candidate for components/.)
import type { ReactNode } from "react";
import "../../styles/fleet.css";

/** Props of `<Pager>`. */
export interface PagerProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  testId: string;
}

/** The rows of `page` (1-based), clamped to the last page. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const at = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((at - 1) * pageSize, at * pageSize), page: at, pages };
}

/** "101–200 of 340" with Previous and Next; nothing when everything fits on one page. */
export function Pager({ page, pageSize, total, onPage, testId }: PagerProps): ReactNode {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="pager row" data-testid={testId}>
      <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid={`${testId}-prev`}>
        ← Previous
      </button>
      <span className="muted">
        {first}–{last} of {total}
      </span>
      <button type="button" className="button button--small" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid={`${testId}-next`}>
        Next →
      </button>
    </div>
  );
}
