// The line under an execution's title: its status, id (with Copy), when it was created, how
// long it ran or has been running, what started it (with links to the event, the parent or the
// execution it reruns), whether the page is following it live, and its error if it failed.
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { StatusBadge, TimeAgo, formatDuration } from "../../components";
import { describeTrigger, runMs } from "./describe";
import type { ExecutionView } from "./types";
import type { LiveState } from "./use-live-execution";

/** Props of `<ExecutionSummary>`. */
export interface ExecutionSummaryProps {
  view: ExecutionView;
  live: LiveState;
  now: number;
}

function CopyId({ id }: { id: string }): ReactNode {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard
      ?.writeText(id)
      .then(() => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1200);
      })
      .catch(() => undefined);
  };
  return (
    <span className="exec-id">
      <code data-testid="execution-id">{id}</code>
      <button type="button" className="button button--ghost button--small" onClick={copy} title="Copy the id" data-testid="execution-copy-id">
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}

function LiveBadge({ live }: { live: LiveState }): ReactNode {
  if (live === "off") return null;
  const text = live === "open" ? "Live" : live === "retrying" ? "Reconnecting…" : live === "closed" ? "Not following" : "Connecting…";
  return (
    <span className={`executions-live ${live === "open" ? "is-live" : live === "retrying" ? "is-retrying" : ""}`} data-testid="execution-live" data-state={live} title="Updates arrive over the execution's event stream">
      <span className="executions-live__dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** The execution's facts in one wrapping row. */
export function ExecutionSummary({ view, live, now }: ExecutionSummaryProps): ReactNode {
  const trigger = describeTrigger(view.trigger);
  const ms = runMs(view.startedAt, view.finishedAt, now);
  return (
    <div className="exec-summary" data-testid="execution-summary">
      <div className="exec-summary__row">
        <StatusBadge status={view.status} testId="execution-status" />
        <LiveBadge live={live} />
        <CopyId id={view.id} />
        <span className="exec-summary__fact">
          <span className="muted">created </span>
          <TimeAgo time={view.createdAt} />
        </span>
        <span className="exec-summary__fact" data-testid="execution-duration">
          <span className="muted">{view.finishedAt === null ? "running for " : "took "}</span>
          <span className="mono">{ms === undefined ? "not started" : formatDuration(ms)}</span>
        </span>
        <span className="exec-summary__fact" data-testid="execution-trigger">
          {trigger.eventId !== undefined ? (
            <Link to={pathTo("/events/:id", { id: trigger.eventId })} title="Open the event that matched the rule">
              {trigger.text}
            </Link>
          ) : (
            <span>{trigger.text}</span>
          )}
          {trigger.fromExecution !== undefined && (
            <>
              {" · "}
              <Link to={pathTo("/executions/:id", { id: trigger.fromExecution })} data-testid="execution-trigger-link">
                {trigger.kind === "rerun" ? "the execution it reruns" : "parent execution"}
              </Link>
            </>
          )}
        </span>
        {view.parentId !== null && trigger.fromExecution !== view.parentId && (
          <Link to={pathTo("/executions/:id", { id: view.parentId })} className="exec-summary__fact" data-testid="execution-parent">
            ↰ parent execution
          </Link>
        )}
      </div>
      {view.error !== null && (
        <div className={view.status === "canceled" || view.status === "canceling" ? "exec-error exec-error--canceled" : "exec-error"} role="alert" data-testid="execution-error">
          <strong>{view.status === "timeout" ? "Timed out: " : view.status === "canceled" || view.status === "canceling" ? "Canceled: " : "Failed: "}</strong>
          {view.error}
        </div>
      )}
    </div>
  );
}
