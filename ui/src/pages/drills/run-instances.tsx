// The per-instance table of a drill run: outcome, whether it met the criteria, time to detect
// and to heal, what detected and what healed it, why it missed, and links to its events and to
// the executions the run saw it cause. Filterable by outcome and paged (both in the URL).
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { Link } from "../../app/router";
import { DataTable, EmptyState, StatusBadge } from "../../components";
import type { Column } from "../../components";
import { Pager, pageOf } from "../fleet/pager";
import { msOrDash, outcomeTone } from "./drill-format";
import { eventsHref, executionHref, executionsByInstance } from "./report-links";
import type { DrillInstanceReport, DrillReport } from "./types";

const PAGE_SIZE = 100;
const OUTCOMES = ["pending", "healed", "failed", "unhealed", "not-injected"];

/** Props of `<RunInstances>`. */
export interface RunInstancesProps {
  report: DrillReport;
  outcome: string;
  page: number;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
}

/** The instances table with its outcome filter. */
export function RunInstances({ report, outcome, page, selected, onSelect }: RunInstancesProps): ReactNode {
  const executions = executionsByInstance(report.timeline);
  const counts = new Map<string, number>();
  for (const i of report.instances) counts.set(i.outcome, (counts.get(i.outcome) ?? 0) + 1);
  const rows = report.instances.filter((i) => outcome === "" || i.outcome === outcome);
  const shown = pageOf(rows, page, PAGE_SIZE);

  const columns: Column<DrillInstanceReport>[] = [
    {
      key: "instance",
      header: "Instance",
      render: (i) => (
        <div className="drill-cell-2">
          <button type="button" className="fleet-link" onClick={() => onSelect(selected === i.instanceId ? undefined : i.instanceId)} aria-pressed={selected === i.instanceId} title="select: highlight it in the chart and filter the log">
            {i.name ?? i.instanceId}
          </button>
          {i.name !== undefined && <span className="mono muted drill-cell-2__sub">{i.instanceId}</span>}
        </div>
      ),
      sortValue: (i) => i.name ?? i.instanceId,
    },
    { key: "outcome", header: "Outcome", nowrap: true, render: (i) => <StatusBadge status={i.outcome} tone={outcomeTone(i.outcome)} testId="drill-run-instance-outcome" />, sortValue: (i) => i.outcome },
    {
      key: "met",
      header: "Met",
      nowrap: true,
      align: "center",
      render: (i) =>
        i.met ? (
          <span className="drill-met drill-met--yes" title="detected and healed in time">
            ✓
          </span>
        ) : i.outcome === "pending" ? (
          <span className="muted" title="not settled yet">
            …
          </span>
        ) : (
          <span className="drill-met drill-met--no" title="missed the criteria">
            ✗
          </span>
        ),
      sortValue: (i) => (i.met ? 1 : 0),
    },
    { key: "ttd", header: "Detect", nowrap: true, align: "right", render: (i) => <span className="num">{msOrDash(i.ttdMs)}</span>, sortValue: (i) => i.ttdMs ?? Number.MAX_SAFE_INTEGER },
    { key: "tth", header: "Heal", nowrap: true, align: "right", render: (i) => <span className="num">{msOrDash(i.tthMs)}</span>, sortValue: (i) => i.tthMs ?? Number.MAX_SAFE_INTEGER },
    { key: "detectedBy", header: "Detected by", render: (i) => <span className="mono drill-small">{i.detectedBy ?? "—"}</span> },
    { key: "healedBy", header: "Healed by", render: (i) => <span className="drill-small">{i.healedBy ?? (i.failedAt !== undefined ? "—" : "")}</span> },
    {
      key: "reasons",
      header: "Why not",
      render: (i) => (i.reasons.length === 0 ? <span className="muted">—</span> : <span className={`drill-small${i.outcome === "pending" ? " muted" : " drill-reasons"}`}>{i.reasons.join("; ")}</span>),
    },
    {
      key: "links",
      header: "Look at",
      nowrap: true,
      render: (i) => {
        const ids = executions.get(i.instanceId) ?? [];
        return (
          <span className="drill-links">
            <Link to={eventsHref(i, report.startedAt)} data-testid="drill-run-instance-events">
              events
            </Link>
            {ids.slice(0, 2).map((id, n) => (
              <Link key={id} to={executionHref(id)} title={`execution ${id}`} data-testid="drill-run-instance-execution">
                {ids.length === 1 ? "execution" : `execution ${n + 1}`}
              </Link>
            ))}
            {ids.length > 2 && <span className="muted">+{ids.length - 2}</span>}
          </span>
        );
      },
    },
  ];

  return (
    <section className="stack drill-instances">
      <div className="drill-section-head">
        <h2>Instances</h2>
        <div className="fleet-seg" role="group" aria-label="Show instances">
          <button type="button" className={outcome === "" ? "is-on" : ""} aria-pressed={outcome === ""} onClick={() => setQuery({ outcome: undefined, ipage: undefined })} data-testid="drill-run-outcome-all">
            all <span className="muted">{report.instances.length}</span>
          </button>
          {OUTCOMES.filter((o) => (counts.get(o) ?? 0) > 0 || o === outcome).map((o) => (
            <button key={o} type="button" className={outcome === o ? "is-on" : ""} aria-pressed={outcome === o} onClick={() => setQuery({ outcome: o, ipage: undefined })} data-testid={`drill-run-outcome-${o}`}>
              {o.replace("-", " ")} <span className="muted">{counts.get(o) ?? 0}</span>
            </button>
          ))}
        </div>
      </div>
      <DataTable
        columns={columns}
        rows={shown.rows}
        rowKey={(i) => i.instanceId}
        rowClassName={(i) => (i.instanceId === selected ? "is-selected" : undefined)}
        testId="drill-run-instances"
        rowTestId={() => "drill-run-instance"}
        maxHeight="none"
        empty={<EmptyState title={report.instances.length === 0 ? "No instances yet" : `No ${outcome} instances`} testId="drill-run-instances-empty">{report.instances.length === 0 ? "The run is creating or picking its instances." : "Pick another filter."}</EmptyState>}
      />
      <Pager page={shown.page} pageSize={PAGE_SIZE} total={rows.length} onPage={(p) => setQuery({ ipage: p === 1 ? undefined : String(p) })} testId="drill-run-instances-pager" />
    </section>
  );
}
