// One delivery in an event's lineage: which rule sent it to which target, how it stands, its
// last error (and the JSON pointer of a template that failed), and — opened — every attempt,
// the executions it started (links to /executions/:id) and the request it sends. A dead
// delivery can be re-driven by an operator.
import { useState } from "react";
import type { ReactNode } from "react";
import { api } from "../../api/client";
import { useApi } from "../../api/use-api";
import { Link, pathTo } from "../../app/router";
import { useSession } from "../../app/session";
import { ApiView, ConfirmButton, JsonView, StatusBadge, TimeAgo } from "../../components";
import { DeliveryAttempts } from "./delivery-attempts";
import type { DeliveryDetail, DeliveryView } from "./types";

/** Props of `<DeliveryItem>`. */
export interface DeliveryItemProps {
  delivery: DeliveryView;
  /** Open at first (attempts loaded at once). */
  initiallyOpen: boolean;
  /** Called after a re-drive, so the lineage reloads. */
  onChanged: () => void;
}

/** A delivery row that opens into its attempts and executions. */
export function DeliveryItem({ delivery: d, initiallyOpen, onChanged }: DeliveryItemProps): ReactNode {
  const [open, setOpen] = useState(initiallyOpen);
  const session = useSession();
  const detail = useApi<DeliveryDetail>(open ? pathTo("/api/v1/deliveries/:id", { id: d.id }) : null, { pollMs: open && d.status === "pending" ? 3000 : undefined });
  const redrive = async (): Promise<void> => {
    await api(pathTo("/api/v1/deliveries/:id/retry", { id: d.id }), { method: "POST" });
    onChanged();
    await detail.refetch();
  };
  return (
    <li className={`events-delivery events-delivery--${d.status}`} data-testid="event-delivery" data-key={d.id} data-status={d.status}>
      <div
        className="events-delivery__head"
        onClick={(e) => {
          if ((e.target as Element).closest("a, button, input") === null) setOpen(!open);
        }}
      >
        <button type="button" className="events-delivery__toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="event-delivery-toggle" title={open ? "Hide the attempts" : "Show the attempts"}>
          <span className="events-delivery__chevron" aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          <StatusBadge status={d.status} />
        </button>
        <span className="events-delivery__name">
          <Link to={pathTo("/rules/:name", { name: d.rule })}>{d.rule}</Link>
          <span className="muted"> → </span>
          <strong>{d.target}</strong> <span className="muted">({d.type})</span>
        </span>
        <span className="events-delivery__meta muted">
          {d.attemptCount} {d.attemptCount === 1 ? "attempt" : "attempts"}
          {d.redrives > 0 && ` · re-driven ${d.redrives}×`}
          {d.httpStatus !== null && ` · HTTP ${d.httpStatus}`}
          {d.groupId !== null && " · grouped"}
          {d.replayId !== null && " · from a replay"} · <TimeAgo time={d.createdAt} />
        </span>
        {d.status === "dead" && session.can("operator") && (
          <ConfirmButton onConfirm={redrive} confirmLabel="Re-drive it?" testId="event-delivery-redrive" className="button--small">
            Re-drive
          </ConfirmButton>
        )}
      </div>
      {d.lastError !== null && (
        <div className="events-delivery__error" data-testid="event-delivery-error">
          {d.errorPointer !== null && <code title="where in the rule">{d.errorPointer}</code>} {d.lastError}
        </div>
      )}
      {open && (
        <div className="events-delivery__body">
          <StartedExecutions delivery={d} />
          <ApiView state={detail} loading={2}>
            {(full) => <DeliveryAttempts attempts={full.attempts} />}
          </ApiView>
          {d.request !== null && (
            <details className="events-delivery__request">
              <summary>Request it sends</summary>
              <JsonView value={d.request} openDepth={1} testId="event-delivery-request" />
            </details>
          )}
        </div>
      )}
    </li>
  );
}

function StartedExecutions({ delivery }: { delivery: DeliveryView }): ReactNode {
  const workflow = delivery.type === "workflow" && typeof delivery.request?.workflow === "string" ? delivery.request.workflow : null;
  if (workflow === null) return null;
  if (delivery.attemptCount === 0) return <p className="muted events-note">The workflow {workflow} starts once the delivery is attempted.</p>;
  const started = delivery.executions ?? [];
  return (
    <div className="events-executions" data-testid="event-executions">
      <span className="events-executions__label">Started</span>
      {started.length === 0 ? (
        <span className="muted" data-testid="event-executions-none">
          {delivery.status === "delivered" ? (
            <>
              No execution of <Link to={pathTo("/executions", {}, { workflow })}>{workflow}</Link> was started by this delivery.
            </>
          ) : (
            `No execution of ${workflow} yet.`
          )}
        </span>
      ) : (
        started.map((x) => (
          <Link key={x.id} to={pathTo("/executions/:id", { id: x.id })} className="events-executions__item" data-testid="event-execution-link">
            <StatusBadge status={x.status} />
            <span className="mono">{x.workflow}</span>
            <span className="muted mono">{x.id.slice(0, 13)}…</span>
            <TimeAgo time={x.createdAt} />
          </Link>
        ))
      )}
    </div>
  );
}
