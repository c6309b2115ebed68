// The line that confirms an answer went through ("Approved: Disk /data … — now under
// Answered"), with a link to it there; it stays until closed or the next answer.
import type { ReactNode } from "react";
import { Link, queryString } from "../../app/router";
import type { Approval } from "./types";

/** An answer just given. */
export interface Answered {
  approval: Approval;
}

/** The confirmation banner. */
export function AnsweredNotice({ answered, onClose }: { answered: Answered; onClose: () => void }): ReactNode {
  const { approval } = answered;
  const word = approval.status === "approved" ? "Approved" : approval.status === "rejected" ? "Rejected" : `Now ${approval.status}`;
  return (
    <div className={`approvals-notice approvals-notice--${approval.status}`} role="status" data-testid="approvals-notice" data-status={approval.status}>
      <span>
        <strong>{word}:</strong> <span className="approvals-notice__message">{approval.message}</span> — it is now under{" "}
        <Link to={`/approvals${queryString({ tab: "answered", id: approval.id })}`} data-testid="approvals-notice-view">
          Answered
        </Link>
        .
      </span>
      <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close" data-testid="approvals-notice-close">
        ×
      </button>
    </div>
  );
}
