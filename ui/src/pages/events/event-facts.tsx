// The head of an event's page: its identity and times at a glance — id, source, type, subject,
// event time, when Reflex stored it (and how late), bus and sequence number — plus the schema
// problem when the event did not fit its declared type.
import type { ReactNode } from "react";
import { formatDuration } from "../../components";
import { EventTime } from "./event-time";
import type { StoredEvent } from "./types";

/** The facts grid. */
export function EventFacts({ stored }: { stored: StoredEvent }): ReactNode {
  const e = stored.event;
  const lateMs = e.time === undefined ? NaN : Date.parse(stored.receivedAt) - Date.parse(e.time);
  const facts: { key: string; label: string; value: ReactNode }[] = [
    { key: "source", label: "Source", value: <span className="mono">{e.source}</span> },
    { key: "type", label: "Type", value: <span className="mono">{e.type}</span> },
    { key: "subject", label: "Subject", value: e.subject === undefined ? <span className="muted">—</span> : <span className="mono">{e.subject}</span> },
    { key: "time", label: "Event time", value: <EventTime time={e.time} /> },
    {
      key: "received",
      label: "Stored",
      value: (
        <>
          <EventTime time={stored.receivedAt} />
          {Number.isFinite(lateMs) && lateMs >= 1000 && <span className="muted"> ({formatDuration(lateMs)} later)</span>}
        </>
      ),
    },
    { key: "bus", label: "Bus", value: stored.bus },
    { key: "seq", label: "Seq", value: <span className="mono">{stored.seq}</span> },
    { key: "id", label: "Id", value: <span className="mono events-facts__id">{e.id}</span> },
  ];
  return (
    <>
      <dl className="events-facts card" data-testid="event-facts">
        {facts.map((f) => (
          <div key={f.key} className="events-facts__item" data-testid={`event-fact-${f.key}`}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {stored.schemaError !== null && (
        <div className="events-schema-error" role="alert" data-testid="event-schema-error">
          <strong>Does not fit its event type:</strong> {stored.schemaError}
        </div>
      )}
    </>
  );
}
