// The fleet as a table: one row per instance with its cloud, name and id, region, state (in
// colour, with how long it has been so), reachability, business process, active faults, tags,
// and — for operators — the fault menu. Clicking a row narrows the fault history to it.
import type { ReactNode } from "react";
import { DataTable, StatusBadge, TimeAgo } from "../../components";
import type { Column } from "../../components";
import { FaultMenu } from "./fault-menu";
import { StateBadge, healthOf } from "./instance-state";
import type { SimFault, SimInstance } from "./types";

/** Props of `<InstancesTable>`. */
export interface InstancesTableProps {
  rows: readonly SimInstance[];
  /** The instance the fault history is narrowed to. */
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  /** Fault kinds for the menu; null hides the menu (not an operator). */
  kinds: readonly string[] | null;
  onInjected: (fault: SimFault) => void;
  empty: ReactNode;
}

/** The instances table. */
export function InstancesTable({ rows, selected, onSelect, kinds, onInjected, empty }: InstancesTableProps): ReactNode {
  const columns: Column<SimInstance>[] = [
    {
      key: "name",
      header: "Instance",
      render: (i) => (
        <div className="fleet-name">
          <span className="fleet-name__name">
            <button type="button" className="fleet-link" onClick={() => onSelect(selected === i.id ? undefined : i.id)} aria-pressed={selected === i.id} title="show only this instance's faults" data-testid="fleet-instance-name">
              {i.name}
            </button>
            {i.preemptible && (
              <span className="fleet-chip fleet-chip--spot" title="preemptible (spot) instance">
                spot
              </span>
            )}
          </span>
          <span className="muted mono fleet-name__id" data-testid="fleet-instance-id">
            {i.id}
          </span>
        </div>
      ),
      sortValue: (i) => i.name,
    },
    {
      key: "cloud",
      header: "Cloud · zone",
      render: (i) => (
        <div className="fleet-name">
          <CloudLabel cloud={i.cloud} />
          <span className="muted fleet-name__id" title={`region ${i.region}, zone ${i.zone}, private IP ${i.privateIp}`}>
            {i.zone} · <span className="mono">{i.privateIp}</span>
          </span>
        </div>
      ),
      sortValue: (i) => `${i.cloud} ${i.zone}`,
    },
    {
      key: "state",
      header: "State",
      nowrap: true,
      render: (i) => (
        <div className="fleet-name">
          <StateBadge instance={i} />
          <span className="muted fleet-name__id">
            <TimeAgo time={i.state === "RELEASED" ? (i.releasedAt ?? i.stateSince) : i.stateSince} />
          </span>
        </div>
      ),
      sortValue: (i) => i.state,
    },
    {
      key: "health",
      header: "Ping · process",
      nowrap: true,
      render: (i) => (
        <div className="fleet-name">
          {i.reachable ? (
            <StatusBadge status="reachable" tone="ok" label="reachable" testId="fleet-instance-reachable" />
          ) : (
            <StatusBadge status="unreachable" tone={i.state === "RUNNING" ? "bad" : "idle"} label="unreachable" testId="fleet-instance-reachable" />
          )}
          <span className={i.process.running ? "fleet-process fleet-name__id" : "fleet-process fleet-process--down fleet-name__id"} data-testid="fleet-instance-process">
            <span className="mono">{i.process.name}</span> {i.process.running ? "up" : "down"}
            {i.process.restarts > 0 && <span className="muted"> · {i.process.restarts} restart{i.process.restarts === 1 ? "" : "s"}</span>}
          </span>
        </div>
      ),
      sortValue: (i) => (i.reachable ? 2 : 0) + (i.process.running ? 1 : 0),
    },
    {
      key: "faults",
      header: "Active faults",
      render: (i) =>
        i.activeFaults.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span className="row fleet-faults" data-testid="fleet-instance-faults">
            {i.activeFaults.map((k) => (
              <StatusBadge key={k} status={k} tone="warn" />
            ))}
          </span>
        ),
      sortValue: (i) => i.activeFaults.length,
    },
    { key: "tags", header: "Tags", render: (i) => <Tags tags={i.tags} /> },
  ];
  if (kinds !== null) {
    columns.push({ key: "actions", header: "", width: "5.5rem", align: "right", render: (i) => <FaultMenu instance={i} kinds={kinds} onInjected={onInjected} /> });
  }
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(i) => i.id}
      onRowClick={(i) => onSelect(selected === i.id ? undefined : i.id)}
      rowClassName={(i) => [i.id === selected ? "is-selected" : "", `fleet-row--${healthOf(i)}`].join(" ")}
      testId="fleet-instances"
      rowTestId={() => "fleet-instance-row"}
      empty={empty}
      maxHeight="none"
    />
  );
}

/** The cloud as a small coloured label. */
export function CloudLabel({ cloud }: { cloud: string }): ReactNode {
  return <span className={`fleet-cloud fleet-cloud--${cloud}`}>{cloud === "aliyun" ? "Alibaba" : cloud === "tencent" ? "Tencent" : cloud}</span>;
}

function Tags({ tags }: { tags: Readonly<Record<string, string>> }): ReactNode {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="fleet-tags">
      {entries.map(([k, v]) => (
        <span key={k} className="fleet-chip" title={`${k}=${v}`}>
          <span className="muted">{k}=</span>
          {v}
        </span>
      ))}
    </span>
  );
}
