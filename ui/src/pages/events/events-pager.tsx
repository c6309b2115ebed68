// Paging through a search, newest first: "Older" follows the API's cursor, "Newer" goes back
// one page, "Newest" returns to the top. The cursor is in the URL, so a page can be shared; the
// way back is remembered while the page is open.
import type { ReactNode } from "react";
import { PAGE_SIZES } from "./event-query";

/** Props of `<EventsPager>`. */
export interface EventsPagerProps {
  /** The cursor of the page shown (undefined: the newest page). */
  cursor: string | undefined;
  /** The cursor of the next older page, null when this is the last. */
  nextCursor: string | null;
  /** True when the page before this one is known (so "Newer" can go there). */
  canGoNewer: boolean;
  onOlder: () => void;
  onNewer: () => void;
  onNewest: () => void;
  limit: number;
  onLimit: (limit: number) => void;
}

/** The pager under (and over) the results. */
export function EventsPager(props: EventsPagerProps): ReactNode {
  const { cursor, nextCursor, canGoNewer, onOlder, onNewer, onNewest, limit, onLimit } = props;
  return (
    <div className="events-pager" data-testid="events-pager">
      <label className="events-pager__size muted">
        Rows
        <select className="select" value={limit} onChange={(e) => onLimit(Number(e.target.value))} data-testid="events-limit">
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--small" onClick={onNewest} disabled={cursor === undefined} data-testid="events-page-newest" title="Back to the newest events">
        ⇤ Newest
      </button>
      <button type="button" className="button button--small" onClick={onNewer} disabled={!canGoNewer} data-testid="events-page-newer">
        ← Newer
      </button>
      <button type="button" className="button button--small" onClick={onOlder} disabled={nextCursor === null} data-testid="events-page-older">
        Older →
      </button>
    </div>
  );
}
