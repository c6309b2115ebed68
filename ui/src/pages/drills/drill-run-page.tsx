// `/drills/runs/:id`: one run's report (GET /api/v1/drill-runs/:id), read again every second
// while the run goes on — the verdict and numbers (MTTD, MTTR, heal p50/p95/max, each
// criterion), the drill's MTTR over runs, the timeline chart, the per-instance table with links
// to events and executions, everything seen, and the HTML report. The selected instance, the
// outcome filter and the page are in the URL.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { setQuery, useQuery } from "../../app/query-state";
import { Link, queryString } from "../../app/router";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, IfCan, PageHeader, StatusBadge, TimeAgo, formatDuration } from "../../components";
import "../../styles/fleet.css"; // shared bits: links, dots, segmented buttons, pager
import "../../styles/drills.css";
import { runTone } from "./drill-format";
import { MttrChart } from "./mttr-chart";
import { ReportLink } from "./report-link";
import { RunDrillForm } from "./run-drill-form";
import { RunInstances } from "./run-instances";
import { RunLog } from "./run-log";
import { RunSummary } from "./run-summary";
import { TimelineChart } from "./timeline-chart";
import type { DrillReport, DrillView, Items } from "./types";

/** How often a running report is read again. */
const LIVE_POLL_MS = 1000;

/** `/drills/runs/:id`: one run's timeline and MTTR. */
export function DrillRunPage({ params }: PageProps): ReactNode {
  const id = params.id ?? "";
  const [live, setLive] = useState(true);
  const state = useApi<DrillReport>(`/api/v1/drill-runs/${encodeURIComponent(id)}`, { pollMs: live ? LIVE_POLL_MS : undefined });
  const status = state.data?.status;
  const missing = state.error !== undefined && state.error.status >= 400 && state.error.status < 500;
  useEffect(() => {
    if (missing) setLive(false);
    else if (status !== undefined) setLive(status === "running");
  }, [status, missing]);
  useTitle(state.data === undefined ? "Drill run" : `${state.data.drill} ${state.data.status === "running" ? "running" : state.data.status}`);

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={`/drills${queryString({ drill: state.data?.drill })}`}>← Drills</Link>}
        title={
          state.data === undefined ? (
            "Drill run"
          ) : (
            <span className="drill-run-title">
              <span className="mono">{state.data.drill}</span>
              <StatusBadge status={state.data.status} tone={runTone(state.data.status)} testId="drill-run-status" />
            </span>
          )
        }
        subtitle={state.data === undefined ? <span className="mono">{id}</span> : <RunFacts report={state.data} />}
        actions={state.data === undefined ? undefined : <Actions report={state.data} />}
      />
      <ApiView state={state} loading={10}>
        {(report) => <RunBody report={report} />}
      </ApiView>
    </>
  );
}

function RunFacts({ report }: { report: DrillReport }): ReactNode {
  const started = Date.parse(report.startedAt);
  return (
    <span className="drill-run-facts">
      run <span className="mono">{report.runId}</span> · fault <span className="mono">{report.fault}</span> · started <TimeAgo time={report.startedAt} /> ·{" "}
      {report.finishedAt === null ? (
        <span className="drill-live" data-testid="drill-run-live">
          <span className="fleet-dot fleet-dot--ok fleet-dot--pulse" /> live, running for {formatDuration(Date.now() - started)}
        </span>
      ) : (
        <>took {formatDuration(Date.parse(report.finishedAt) - started)}</>
      )}{" "}
      · simulator <span className="mono">{report.simulator}</span>
    </span>
  );
}

function Actions({ report }: { report: DrillReport }): ReactNode {
  const drills = useApi<Items<DrillView>>("/api/v1/drills");
  const drill = drills.data?.items.find((d) => d.name === report.drill);
  return (
    <>
      <ReportLink runId={report.runId} drill={report.drill} />
      {drill !== undefined && report.status !== "running" && (
        <IfCan role="operator">
          <RunDrillForm drill={drill} label="Run again" />
        </IfCan>
      )}
    </>
  );
}

function RunBody({ report }: { report: DrillReport }): ReactNode {
  const query = useQuery();
  const selected = query.instance === undefined || query.instance === "" ? undefined : query.instance;
  const select = (instance: string | undefined): void => setQuery({ instance });
  const page = Math.max(1, Number.parseInt(query.ipage ?? "1", 10) || 1);
  const running = report.finishedAt === null;
  return (
    <div className="stack drill-run">
      {report.error !== undefined && (
        <div className="error-state" role="alert" data-testid="drill-run-error">
          <div className="error-state__title">The run ended in error</div>
          <div>{report.error}</div>
        </div>
      )}
      <div className="drill-run__top">
        <RunSummary report={report} />
        <section className="card drill-run__mttr">
          <h2 className="card__title">MTTR over runs</h2>
          <MttrChart key={report.status} drill={report.drill} healWithinMs={report.criteria.healWithinMs} current={report.runId} height={110} pollMs={running ? 5000 : undefined} />
        </section>
      </div>
      <section className="card drill-run__chart">
        <h2 className="card__title">Timeline</h2>
        {report.instances.length === 0 ? <p className="muted">No instances yet: the run is creating or picking them.</p> : <TimelineChart report={report} now={Date.now()} selected={selected} onSelect={select} toDeadline={query.scale === "deadline"} onScale={(d) => setQuery({ scale: d ? "deadline" : undefined })} />}
      </section>
      <RunInstances report={report} outcome={query.outcome ?? ""} page={page} selected={selected} onSelect={select} />
      <RunLog report={report} selected={selected} onSelect={select} />
    </div>
  );
}
