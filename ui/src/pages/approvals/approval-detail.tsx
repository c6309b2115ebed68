// One approval in full: the question, where it comes from (the execution and its task, with
// the execution's input — what the person is deciding about), when it expires and what happens
// then, who may answer; then the answer form for those allowed, or, once answered, who
// answered, when and with what.
import type { ReactNode } from "react";
import { pathTo, Link } from "../../app/router";
import { useSession } from "../../app/session";
import { useApi } from "../../api/use-api";
import { JsonView, Skeleton, StatusBadge, TimeAgo } from "../../components";
import { AnswerForm } from "./answer-form";
import { answerRight, approversText } from "./can-answer";
import { ExecutionInput } from "./execution-input";
import { ExpiryText } from "./expiry-text";
import type { AnswerBody, Approval, ExecutionContext } from "./types";

/** Props of `<ApprovalDetail>`. */
export interface ApprovalDetailProps {
  approval: Approval;
  onAnswered: (answered: Approval, decision: AnswerBody["decision"]) => void;
  onStale: () => void;
}

/** The detail panel of one approval. */
export function ApprovalDetail({ approval, onAnswered, onStale }: ApprovalDetailProps): ReactNode {
  const session = useSession();
  const execution = useApi<ExecutionContext>(`/api/v1/executions/${encodeURIComponent(approval.executionId)}`);
  const exec = execution.data;
  const task = approval.taskRunId === null ? undefined : exec?.tasks.find((t) => t.id === approval.taskRunId);
  const right = answerRight(approval, session);
  const pending = approval.status === "pending";

  return (
    <article className="approval-detail card" data-testid="approval-detail" data-id={approval.id} data-status={approval.status}>
      <div className="approval-detail__top">
        <StatusBadge status={approval.status} testId="approval-status" />
        <span className="approval-kind">{approval.kind === "budget" ? "budget used up" : "workflow task"}</span>
        <span className="muted">
          asked <TimeAgo time={approval.createdAt} />
        </span>
      </div>
      <h2 className="approval-detail__message" data-testid="approval-message">
        {approval.message}
      </h2>

      <dl className="approval-facts">
        <dt>Execution</dt>
        <dd>
          <Link to={pathTo("/executions/:id", { id: approval.executionId })} data-testid="approval-execution-link">
            {exec?.workflow ?? <span className="mono">{approval.executionId}</span>}
          </Link>{" "}
          {exec !== undefined ? <StatusBadge status={exec.status} /> : execution.loading ? <Skeleton width="5rem" style={{ display: "inline-block" }} /> : null}
        </dd>
        {approval.taskRunId !== null && (
          <>
            <dt>Task</dt>
            <dd className="mono" data-testid="approval-task">
              {task?.task ?? (execution.loading ? "…" : approval.taskRunId)}
            </dd>
          </>
        )}
        {exec?.trigger?.event !== undefined && (
          <>
            <dt>Started by</dt>
            <dd>
              {exec.trigger.kind === "rule" ? "a rule, on event " : `${exec.trigger.kind}, event `}
              <Link to={pathTo("/events/:id", { id: exec.trigger.event.id })} className="mono" data-testid="approval-event-link">
                {exec.trigger.event.type ?? exec.trigger.event.id}
              </Link>
              {exec.trigger.event.subject !== undefined && <span className="muted"> · {exec.trigger.event.subject}</span>}
            </dd>
          </>
        )}
        <dt>{pending ? "Expires" : "Expiry"}</dt>
        <dd data-testid="approval-expiry">
          <ExpiryText approval={approval} />
        </dd>
        <dt>Who may answer</dt>
        <dd data-testid="approval-approvers">{approversText(approval) || "any operator"}</dd>
      </dl>

      {exec !== undefined && <ExecutionInput input={exec.input} />}

      {pending ? (
        <section className="approval-answer" aria-label="Answer">
          <h3>Your answer</h3>
          {right.allowed ? (
            <AnswerForm key={approval.id} approval={approval} onAnswered={onAnswered} onStale={onStale} />
          ) : (
            <p className="approval-readonly" data-testid="approval-cannot-answer">
              {right.reason}
            </p>
          )}
        </section>
      ) : (
        <AnsweredBlock approval={approval} />
      )}
    </article>
  );
}

/** Who answered, when, and with what. */
function AnsweredBlock({ approval }: { approval: Approval }): ReactNode {
  const byTimeout = approval.answeredBy === "timeout";
  return (
    <section className="approval-answer approval-answer--done" aria-label="Answer" data-testid="approval-answer">
      <h3>Answer</h3>
      <p>
        <StatusBadge status={approval.status} />{" "}
        {approval.status === "canceled" ? (
          "The execution was canceled before anyone answered."
        ) : byTimeout ? (
          <>Nobody answered in time; the default decision ({approval.defaultDecision}) applied</>
        ) : (
          <>
            by <strong data-testid="approval-answered-by">{approval.answeredBy ?? "—"}</strong>
          </>
        )}{" "}
        {approval.answeredAt !== null && (
          <span className="muted">
            · <TimeAgo time={approval.answeredAt} /> ({new Date(approval.answeredAt).toLocaleString()})
          </span>
        )}
      </p>
      {approval.response !== null && approval.response !== undefined ? <JsonView value={approval.response} openDepth={3} testId="approval-response" /> : <p className="muted">No response was given.</p>}
    </section>
  );
}
