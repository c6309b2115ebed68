// The inbox's tabs (Pending with its count, Answered) and, on Answered, the outcome filter;
// an execution filter (`?executionId=`, from a link) shows as a chip that clears it.
import type { ReactNode } from "react";
import { Link, queryString } from "../../app/router";
import { setQuery } from "../../app/query-state";
import { ANSWERED_STATUSES } from "./types";
import type { ApprovalStatus } from "./types";

/** Props of `<ApprovalTabs>`. */
export interface ApprovalTabsProps {
  tab: "pending" | "answered";
  /** Pending approvals (undefined until known). */
  pendingCount: number | undefined;
  /** True when the count is the list's limit (there may be more). */
  pendingCapped: boolean;
  status: ApprovalStatus | "";
  executionId: string | undefined;
}

/** Tabs and filters of the approvals page. */
export function ApprovalTabs({ tab, pendingCount, pendingCapped, status, executionId }: ApprovalTabsProps): ReactNode {
  const to = (next: "pending" | "answered"): string => `/approvals${queryString({ tab: next === "pending" ? undefined : next, executionId })}`;
  return (
    <div className="approvals-bar">
      <nav className="approvals-tabs" aria-label="Approvals">
        <Link to={to("pending")} replace className={`approvals-tabs__tab${tab === "pending" ? " is-active" : ""}`} aria-current={tab === "pending" ? "page" : undefined} data-testid="approvals-tab-pending">
          Pending
          {pendingCount !== undefined && (
            <span className={`approvals-tabs__count${pendingCount > 0 ? " approvals-tabs__count--warn" : ""}`} data-testid="approvals-pending-count">
              {pendingCount}
              {pendingCapped ? "+" : ""}
            </span>
          )}
        </Link>
        <Link to={to("answered")} replace className={`approvals-tabs__tab${tab === "answered" ? " is-active" : ""}`} aria-current={tab === "answered" ? "page" : undefined} data-testid="approvals-tab-answered">
          Answered
        </Link>
      </nav>
      <div className="approvals-bar__filters">
        {executionId !== undefined && (
          <span className="approvals-chip" data-testid="approvals-filter-execution">
            execution <span className="mono">{executionId}</span>
            <button type="button" className="approvals-chip__clear" onClick={() => setQuery({ executionId: undefined, id: undefined })} aria-label="Show every execution's approvals" data-testid="approvals-filter-execution-clear">
              ×
            </button>
          </span>
        )}
        {tab === "answered" && (
          <label className="approvals-bar__filter">
            <span className="muted">Outcome</span>
            <select className="select" value={status} onChange={(e) => setQuery({ status: e.target.value, id: undefined, limit: undefined })} data-testid="approvals-filter-status">
              <option value="">all</option>
              {ANSWERED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}
