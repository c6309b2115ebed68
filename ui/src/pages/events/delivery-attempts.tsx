// The attempts of one delivery (`GET /api/v1/deliveries/:id`): when each started, how long it
// took, how it ended, the HTTP status and the error or the start of the answer.
import type { ReactNode } from "react";
import { DataTable, StatusBadge, formatDuration } from "../../components";
import type { Column } from "../../components";
import { EventTime } from "./event-time";
import type { AttemptView } from "./types";

const COLUMNS: readonly Column<AttemptView>[] = [
  { key: "attempt", header: "#", width: "3rem", align: "right", render: (a) => a.attempt },
  { key: "time", header: "Started", width: "12.5rem", nowrap: true, render: (a) => <EventTime time={a.startedAt} /> },
  { key: "duration", header: "Took", width: "5rem", align: "right", nowrap: true, render: (a) => formatDuration(a.durationMs) },
  {
    key: "outcome",
    header: "Outcome",
    width: "8.5rem",
    nowrap: true,
    render: (a) => (
      <>
        <StatusBadge status={a.outcome} />
        {a.httpStatus !== null && <span className="mono events-attempt__http"> {a.httpStatus}</span>}
      </>
    ),
  },
  {
    key: "detail",
    header: "Error or answer",
    render: (a) =>
      a.error !== null ? (
        <span className="events-attempt__error" title={a.error}>
          {a.error}
        </span>
      ) : a.response !== null ? (
        <span className="mono events-attempt__response" title={a.response}>
          {a.response}
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  },
];

/** A table of attempts, oldest first. */
export function DeliveryAttempts({ attempts }: { attempts: readonly AttemptView[] }): ReactNode {
  return (
    <DataTable
      columns={COLUMNS}
      rows={attempts}
      rowKey={(a) => String(a.attempt)}
      testId="event-attempts"
      rowTestId={() => "event-attempt-row"}
      maxHeight="320px"
      rowClassName={(a) => (a.outcome === "failed" ? "events-row--failed" : undefined)}
      empty={<p className="muted events-note">No attempt yet: the delivery is waiting for a worker.</p>}
    />
  );
}
