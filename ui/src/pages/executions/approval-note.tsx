// A task waiting for a person (core.approve, or a budget approval): the question it asked, when
// it expires and what happens then, and the way to the Approvals page where it is answered.
import type { ReactNode } from "react";
import { Link, queryString } from "../../app/router";
import { useApi } from "../../api/use-api";
import { InlineError, TimeAgo } from "../../components";
import type { ApprovalSummary } from "./types";

/** Props of `<ApprovalNote>`. */
export interface ApprovalNoteProps {
  executionId: string;
  taskRunId: string;
}

/** The pending approval of a task run. */
export function ApprovalNote({ executionId, taskRunId }: ApprovalNoteProps): ReactNode {
  const state = useApi<{ items: ApprovalSummary[] }>("/api/v1/approvals", { query: { executionId, status: "pending", limit: 50 }, pollMs: 5000 });
  const approval = state.data?.items.find((a) => a.taskRunId === taskRunId) ?? state.data?.items[0];
  return (
    <div className="exec-approval" data-testid="execution-task-approval">
      <div className="exec-approval__title">Waiting for an approval</div>
      {state.error !== undefined && <InlineError error={state.error} />}
      {approval !== undefined ? (
        <>
          <p className="exec-approval__message">{approval.message}</p>
          <p className="muted">
            {approval.expiresAt !== null ? (
              <>
                expires <TimeAgo time={approval.expiresAt} />, then it is {approval.defaultDecision === "approve" ? "approved" : "rejected"}
              </>
            ) : (
              "no expiry"
            )}
          </p>
        </>
      ) : (
        state.data !== undefined && <p className="muted">The question was answered a moment ago, or is not listed.</p>
      )}
      <Link to={`/approvals${queryString({ executionId, id: approval?.id })}`} className="button button--small button--primary" data-testid="execution-task-approval-link">
        Answer in Approvals →
      </Link>
    </div>
  );
}
