// One dead letter opened: where it came from (rule, target, event), why it died (the last
// error; for a template that failed, where in the rule), every attempt, and the rendered
// input it sends. Operators re-drive it from here; after a re-drive it is followed (polled)
// until it is delivered or dies again.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import { Link, pathTo } from "../../app/router";
import { useSession } from "../../app/session";
import { ApiView, ConfirmButton, JsonView, StatusBadge, TimeAgo } from "../../components";
import { AttemptsTable } from "./attempts-table";
import { redriveOne } from "./redrive";
import type { DeliveryDetail, RetryOutcome } from "./types";

/** Props of `<DeliveryInspector>`. */
export interface DeliveryInspectorProps {
  id: string;
  onClose: () => void;
  /** A re-drive from here went through (the list should reload). */
  onRedriven: (outcome: RetryOutcome) => void;
}

/** The inspector panel of one delivery. */
export function DeliveryInspector({ id, onClose, onRedriven }: DeliveryInspectorProps): ReactNode {
  const session = useSession();
  // While it is being tried again (pending), follow it.
  const [follow, setFollow] = useState(false);
  const state = useApi<DeliveryDetail>(`/api/v1/deliveries/${encodeURIComponent(id)}`, follow ? { pollMs: 2000 } : {});
  const status = state.data?.status;
  useEffect(() => setFollow(status === "pending"), [status]);

  // Escape closes the inspector (unless a field or a confirm button has the key).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === "Escape" && !(event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const redrive = async (): Promise<void> => {
    const outcome = await redriveOne(id);
    if (outcome.outcome !== "retried") throw new Error(outcome.error ?? outcome.outcome);
    onRedriven(outcome);
    await state.refetch();
  };

  return (
    <aside className="dl-inspector card" aria-label="Dead letter" data-testid="dead-letter-inspector" data-id={id}>
      <header className="dl-inspector__head">
        <h2>Delivery</h2>
        {state.data !== undefined && <StatusBadge status={state.data.status} testId="dead-letter-status" />}
        <span className="dl-inspector__spacer" />
        {state.data?.status === "dead" && session.can("operator") && (
          <ConfirmButton onConfirm={redrive} confirmLabel="Re-drive it?" testId="dead-letter-redrive" title="Give it a fresh cycle of attempts">
            Re-drive
          </ConfirmButton>
        )}
        <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close (Esc)" title="Close (Esc)" data-testid="dead-letter-close">
          ×
        </button>
      </header>
      <ApiView state={state} loading={8}>
        {(d) => <DeliveryBody delivery={d} />}
      </ApiView>
    </aside>
  );
}

function DeliveryBody({ delivery: d }: { delivery: DeliveryDetail }): ReactNode {
  return (
    <div className="dl-inspector__body">
      {d.status === "pending" && (
        <p className="dl-inspector__note" data-testid="dead-letter-following">
          Being tried again (re-drive {d.redrives}): this view follows it until it is delivered or dies.
        </p>
      )}
      <dl className="dl-inspector__facts">
        <dt>Rule</dt>
        <dd>
          <Link to={pathTo("/rules/:name", { name: d.rule })} data-testid="dead-letter-rule-link">
            {d.rule}
          </Link>
        </dd>
        <dt>Target</dt>
        <dd>
          {d.target} <span className="dead-letter__type">{d.type}</span>
        </dd>
        <dt>Event</dt>
        <dd>
          <Link to={pathTo("/events/:id", { id: d.event.id })} className="mono" data-testid="dead-letter-event-link">
            {d.event.id}
          </Link>
          <span className="muted">
            {" "}
            · {d.event.source} · bus {d.event.bus} · seq {d.event.seq}
            {d.eventSeqs.length > 1 ? ` · a group of ${d.eventSeqs.length} events` : ""}
          </span>
        </dd>
        {d.replayId !== null && (
          <>
            <dt>Replay</dt>
            <dd className="mono">{d.replayId}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>
          <TimeAgo time={d.createdAt} /> <span className="muted">({new Date(d.createdAt).toLocaleString()})</span>
        </dd>
        <dt>{d.status === "dead" ? "Died" : "Updated"}</dt>
        <dd>
          <TimeAgo time={d.finishedAt ?? d.updatedAt} />
        </dd>
        <dt>Attempts</dt>
        <dd data-testid="dead-letter-attempt-count">
          {d.attemptCount}
          {d.redrives > 0 && <span className="muted"> · re-driven {d.redrives} time{d.redrives === 1 ? "" : "s"}</span>}
          {d.httpStatus !== null && <span className="muted"> · last HTTP {d.httpStatus}</span>}
        </dd>
        <dt>Id</dt>
        <dd className="mono">{d.id}</dd>
      </dl>

      {d.lastError !== null && (
        <section className="dl-inspector__section">
          <h3>Last error</h3>
          <pre className="dl-inspector__error" data-testid="dead-letter-last-error">
            {d.lastError}
          </pre>
          {d.errorPointer !== null && (
            <p className="muted">
              The template at <code>{d.errorPointer}</code> of rule <strong>{d.rule}</strong> failed. Fix the rule and re-drive: it is rendered again with the rule as it is then.
            </p>
          )}
        </section>
      )}

      <section className="dl-inspector__section">
        <h3>Attempts</h3>
        <AttemptsTable attempts={d.attempts} />
      </section>

      <section className="dl-inspector__section">
        <h3>Rendered input</h3>
        {d.request === null ? <p className="muted">Not rendered: its template failed, so there is nothing to send until the rule is fixed.</p> : <JsonView value={d.request} openDepth={3} testId="dead-letter-request" />}
      </section>
    </div>
  );
}
