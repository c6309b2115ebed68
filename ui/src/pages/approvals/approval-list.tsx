// The inbox column: one row per approval with its question, its age and — while pending — how
// long it has left, or — once answered — the outcome, who answered and with what. Rows are
// links (the selection is `?id=` in the URL); ↑/↓ move between them from the keyboard.
import type { KeyboardEvent, ReactNode } from "react";
import { Link, navigate } from "../../app/router";
import { StatusBadge, TimeAgo, useNow } from "../../components";
import { ExpiryText, urgencyOf } from "./expiry-text";
import type { Approval } from "./types";

/** Props of `<ApprovalList>`. */
export interface ApprovalListProps {
  items: readonly Approval[];
  selectedId: string | undefined;
  /** The URL that selects an approval (the page's query with `id`). */
  hrefOf: (id: string) => string;
}

/** One-line summary of a response: `keepDays: 7, force: true`. */
export function responseSummary(response: unknown): string {
  if (response === null || response === undefined) return "";
  if (typeof response !== "object" || Array.isArray(response)) return JSON.stringify(response);
  return Object.entries(response)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}

/** The list of approvals. */
export function ApprovalList({ items, selectedId, hrefOf }: ApprovalListProps): ReactNode {
  const now = useNow();
  const move = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "j" && event.key !== "k") return;
    const target = event.target as HTMLElement;
    if (target.closest("input,textarea,select") !== null) return;
    event.preventDefault();
    const at = items.findIndex((a) => a.id === selectedId);
    const step = event.key === "ArrowDown" || event.key === "j" ? 1 : -1;
    const next = items[Math.min(items.length - 1, Math.max(0, at + step))];
    if (next === undefined) return;
    navigate(hrefOf(next.id), { replace: true });
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="approval-row"][data-id="${CSS.escape(next.id)}"] a`)?.focus());
  };
  return (
    <ul className="approval-list" onKeyDown={move} data-testid="approvals-list" aria-label="Approvals">
      {items.map((a) => {
        const selected = a.id === selectedId;
        const urgency = urgencyOf(a, now);
        return (
          <li key={a.id} className={`approval-row${selected ? " is-selected" : ""} approval-row--${urgency}`} data-testid="approval-row" data-id={a.id} data-status={a.status}>
            <Link to={hrefOf(a.id)} replace className="approval-row__link" aria-current={selected ? "true" : undefined}>
              <span className="approval-row__message">{a.message}</span>
              <span className="approval-row__meta">
                {a.status === "pending" ? (
                  <>
                    <span className="approval-kind">{a.kind === "budget" ? "budget" : "task"}</span>
                    <span>
                      asked <TimeAgo time={a.createdAt} />
                    </span>
                    <span className="approval-row__expiry">
                      {a.expiresAt === null ? <span className="muted">no time limit</span> : <>expires <ExpiryText approval={a} short /></>}
                    </span>
                  </>
                ) : (
                  <>
                    <StatusBadge status={a.status} />
                    <span>
                      {a.answeredBy === "timeout" ? "timed out" : a.answeredBy === null ? "—" : <>by <strong>{a.answeredBy}</strong></>}
                    </span>
                    <TimeAgo time={a.answeredAt ?? a.createdAt} />
                    {responseSummary(a.response) !== "" && <span className="approval-row__response mono truncate">{responseSummary(a.response)}</span>}
                  </>
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
