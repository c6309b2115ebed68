// The rules that matched an event and what each made of it: delivered, throttled or
// deduplicated (with the key it was counted under), grouped, failed (with the error and the
// JSON pointer of the template that failed), or rule-missing.
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { DataTable, StatusBadge } from "../../components";
import type { Column } from "../../components";
import { EventTime } from "./event-time";
import type { MatchView } from "./types";

const KEY_MEANING: Readonly<Record<string, string>> = {
  throttled: "throttle key",
  deduplicated: "dedupe key",
  grouped: "group",
};

const COLUMNS: readonly Column<MatchView>[] = [
  { key: "rule", header: "Rule", width: "24%", render: (m) => <Link to={pathTo("/rules/:name", { name: m.rule })}>{m.rule}</Link> },
  { key: "status", header: "Outcome", width: "9rem", render: (m) => <StatusBadge status={m.status} tone={m.status === "grouped" ? "busy" : undefined} /> },
  {
    key: "key",
    header: "Key",
    render: (m) => (
      <span className="events-match__detail">
        {m.key !== null && (
          <span title={KEY_MEANING[m.status] ?? "the throttle or dedupe key"}>
            <span className="muted">{KEY_MEANING[m.status] ?? "key"} </span>
            <code data-testid="event-match-key">{m.key}</code>
          </span>
        )}
        {m.groupId !== null && <span className="muted mono"> group {m.groupId.slice(0, 13)}…</span>}
        {m.replayId !== null && <span className="muted"> · by a replay</span>}
        {m.error !== null && (
          <span className="inline-error">
            {m.errorPointer !== null && <code>{m.errorPointer}</code>} {m.error}
          </span>
        )}
        {m.key === null && m.groupId === null && m.error === null && m.replayId === null && <span className="muted">—</span>}
      </span>
    ),
  },
  { key: "time", header: "At", width: "14rem", nowrap: true, render: (m) => <EventTime time={m.createdAt} /> },
];

/** The matches table (or a sentence when no rule matched). */
export function LineageMatches({ matches }: { matches: readonly MatchView[] }): ReactNode {
  return (
    <DataTable
      columns={COLUMNS}
      rows={matches}
      rowKey={(m) => m.id}
      testId="event-matches"
      rowTestId={() => "event-match-row"}
      maxHeight="420px"
      rowClassName={(m) => (m.status === "failed" ? "events-row--failed" : undefined)}
      empty={
        <p className="muted events-note" data-testid="event-matches-empty">
          No rule matched this event.
        </p>
      }
    />
  );
}
