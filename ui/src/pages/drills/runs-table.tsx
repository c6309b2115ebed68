// The runs of drills, newest first: verdict, drill, when and how long, how many instances
// healed, MTTD, MTTR and heal p95. A row is a link to the run's report.
import type { ReactNode } from "react";
import { pathTo } from "../../app/router";
import { DataTable, StatusBadge, TimeAgo, formatDuration } from "../../components";
import type { Column } from "../../components";
import { msOrDash, runTone } from "./drill-format";
import type { DrillRunItem } from "./types";

/** The runs table; `empty` when there are none. */
export function RunsTable({ runs, now, empty }: { runs: readonly DrillRunItem[]; now: number; empty: ReactNode }): ReactNode {
  const columns: Column<DrillRunItem>[] = [
    { key: "status", header: "Status", nowrap: true, width: "7rem", render: (r) => <StatusBadge status={r.status} tone={runTone(r.status)} testId="drill-runs-status" />, sortValue: (r) => r.status },
    { key: "drill", header: "Drill", render: (r) => <span className="mono">{r.drill}</span>, sortValue: (r) => r.drill },
    { key: "started", header: "Started", nowrap: true, render: (r) => <TimeAgo time={r.startedAt} />, sortValue: (r) => r.startedAt },
    {
      key: "took",
      header: "Took",
      nowrap: true,
      align: "right",
      render: (r) => (r.finishedAt === null ? <span className="muted">{formatDuration(now - Date.parse(r.startedAt))} so far</span> : formatDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt))),
    },
    {
      key: "healed",
      header: "Healed",
      nowrap: true,
      align: "right",
      render: (r) => (r.summary === null ? "—" : <span className={r.summary.healed < r.summary.instances && r.finishedAt !== null ? "drill-bad-num" : undefined}>{`${r.summary.healed} / ${r.summary.instances}`}</span>),
      sortValue: (r) => (r.summary === null ? -1 : r.summary.healed / Math.max(1, r.summary.instances)),
    },
    { key: "met", header: "Met", nowrap: true, align: "right", render: (r) => (r.summary === null ? "—" : `${Number(r.summary.metPercent.toFixed(1))}%`), sortValue: (r) => r.summary?.metPercent ?? -1 },
    { key: "mttd", header: "MTTD", nowrap: true, align: "right", render: (r) => msOrDash(r.summary?.mttdMs), sortValue: (r) => r.summary?.mttdMs ?? Number.MAX_SAFE_INTEGER },
    { key: "mttr", header: "MTTR", nowrap: true, align: "right", render: (r) => <strong>{msOrDash(r.summary?.mttrMs)}</strong>, sortValue: (r) => r.summary?.mttrMs ?? Number.MAX_SAFE_INTEGER },
    { key: "p95", header: "Heal p95", nowrap: true, align: "right", render: (r) => msOrDash(r.summary?.p95HealMs), sortValue: (r) => r.summary?.p95HealMs ?? Number.MAX_SAFE_INTEGER },
    { key: "id", header: "Run", nowrap: true, render: (r) => <span className="mono muted drill-small">{r.runId.slice(0, 13)}…</span> },
  ];
  return <DataTable columns={columns} rows={runs} rowKey={(r) => r.runId} rowHref={(r) => pathTo("/drills/runs/:id", { id: r.runId })} testId="drill-runs" rowTestId={() => "drill-runs-row"} empty={empty} maxHeight="none" />;
}
