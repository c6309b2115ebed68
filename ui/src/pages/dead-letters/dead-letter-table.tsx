// The dead letters as a table: which rule and target, which event, the last error, how many
// attempts (and re-drives) it had, and when it died. Clicking a row (or its rule/target link,
// from the keyboard) opens it in the inspector; operators get checkboxes for re-driving many.
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { DataTable, TimeAgo } from "../../components";
import type { Column, Selection } from "../../components";
import type { Delivery } from "./types";

/** Props of `<DeadLetterTable>`. */
export interface DeadLetterTableProps {
  rows: readonly Delivery[];
  /** The delivery open in the inspector. */
  openId: string | undefined;
  /** The URL that opens a delivery (the page's query with `id`). */
  hrefOf: (id: string) => string;
  onOpen: (id: string) => void;
  /** Checkboxes; undefined for viewers. */
  selection: Selection | undefined;
  /** Beside the inspector: the event moves under the target (the inspector shows it in full). */
  compact: boolean;
}

const eventColumn: Column<Delivery> = {
  key: "event",
  header: "Event",
  width: "18%",
  render: (d) => (
    <span className="dead-letter__event">
      <span className="truncate" title={d.event.source}>
        {d.event.source}
      </span>
      <Link to={pathTo("/events/:id", { id: d.event.id })} className="mono truncate" title={`event ${d.event.id} (seq ${d.event.seq}${d.eventSeqs.length > 1 ? `, a group of ${d.eventSeqs.length}` : ""})`}>
        {d.event.id}
      </Link>
    </span>
  ),
};

const tailColumns: readonly Column<Delivery>[] = [
  {
    key: "error",
    header: "Last error",
    render: (d) => (
      <span className="dead-letter__error" title={d.lastError ?? undefined} data-testid="dead-letter-error">
        {d.lastError ?? <span className="muted">—</span>}
      </span>
    ),
  },
  {
    key: "attempts",
    header: "Attempts",
    align: "right",
    width: "6.5rem",
    nowrap: true,
    sortValue: (d) => d.attemptCount,
    render: (d) => (
      <span title={d.redrives > 0 ? `re-driven ${d.redrives} time${d.redrives === 1 ? "" : "s"}` : undefined}>
        {d.attemptCount}
        {d.redrives > 0 && <span className="muted"> ·{d.redrives}↻</span>}
      </span>
    ),
  },
  {
    key: "died",
    header: "Died",
    width: "7rem",
    nowrap: true,
    sortValue: (d) => d.finishedAt ?? d.updatedAt,
    render: (d) => <TimeAgo time={d.finishedAt ?? d.updatedAt} />,
  },
];

/** The table of dead deliveries. */
export function DeadLetterTable({ rows, openId, hrefOf, onOpen, selection, compact }: DeadLetterTableProps): ReactNode {
  const ruleColumn: Column<Delivery> = {
    key: "rule",
    header: "Rule → target",
    width: compact ? "34%" : "22%",
    sortValue: (d) => `${d.rule}\u0000${d.target}`,
    render: (d) => (
      <Link to={hrefOf(d.id)} replace className="dead-letter__open" data-testid="dead-letter-open">
        <span className="dead-letter__rule">{d.rule}</span>
        <span className="dead-letter__target">
          → {d.target} <span className="dead-letter__type">{d.type}</span>
        </span>
        {compact && <span className="dead-letter__event-id mono truncate">{d.event.id}</span>}
      </Link>
    ),
  };
  const columns = compact ? [ruleColumn, ...tailColumns] : [ruleColumn, eventColumn, ...tailColumns];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(d) => d.id}
      onRowClick={(d) => onOpen(d.id)}
      selection={selection}
      rowClassName={(d) => (d.id === openId ? "dead-letter--open" : undefined)}
      testId="dead-letters-table"
      rowTestId={() => "dead-letter-row"}
      maxHeight="calc(100vh - var(--topbar-h) - 230px)"
    />
  );
}
