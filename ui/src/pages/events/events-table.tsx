// The results of an event search: one row per event, newest first — time, source, type,
// subject and bus — each row a link to the event and its lineage. Rows the live tail added
// light up when they arrive.
import type { ReactNode } from "react";
import { Link } from "../../app/router";
import { DataTable, StatusBadge } from "../../components";
import type { Column } from "../../components";
import { eventHref } from "./event-query";
import { EventTime } from "./event-time";
import type { StoredEvent } from "./types";

/** Props of `<EventsTable>`. */
export interface EventsTableProps {
  rows: readonly StoredEvent[];
  /** Seqs the live tail added (highlighted). */
  fresh: ReadonlySet<number>;
  empty: ReactNode;
}

const COLUMNS: readonly Column<StoredEvent>[] = [
  { key: "time", header: "Time", width: "15rem", nowrap: true, render: (e) => <EventTime time={e.event.time ?? e.receivedAt} /> },
  { key: "source", header: "Source", width: "16%", render: (e) => <span className="events-cell mono" title={e.event.source}>{e.event.source}</span> },
  {
    key: "type",
    header: "Type",
    width: "28%",
    render: (e) => (
      <span className="events-cell events-cell--type" title={e.event.type}>
        <Link to={eventHref(e)} className="events-cell__link" data-testid="events-row-link">
          {e.event.type}
        </Link>
        {e.schemaError !== null && <StatusBadge status="warn" tone="warn" label="schema" />}
      </span>
    ),
  },
  { key: "subject", header: "Subject", render: (e) => (e.event.subject === undefined ? <span className="muted">—</span> : <span className="events-cell mono" title={e.event.subject}>{e.event.subject}</span>) },
  { key: "bus", header: "Bus", width: "8rem", render: (e) => <span className="events-cell muted">{e.bus}</span> },
];

/** The results table. */
export function EventsTable({ rows, fresh, empty }: EventsTableProps): ReactNode {
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(e) => String(e.seq)}
      rowHref={eventHref}
      rowClassName={(e) => (fresh.has(e.seq) ? "events-row--new" : undefined)}
      rowTestId={() => "events-row"}
      testId="events-table"
      empty={empty}
      maxHeight="max(360px, calc(100vh - 330px))"
    />
  );
}
