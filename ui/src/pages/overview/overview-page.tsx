// The Overview (`/`): what is happening now, at a glance — numbers that link to the lists behind
// them and charts of the chosen window (`?window=1h|6h|24h|7d`), refreshed every 15 seconds.
import type { ReactNode } from "react";
import { useQueryParam } from "../../app/query-state";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, PageHeader, Skeleton, Spinner } from "../../components";
import "../../styles/overview.css";
import { formatShortDuration } from "./chart-scale";
import { OverviewCharts } from "./overview-charts";
import { StatCards } from "./overview-cards";
import type { StatsOverview } from "./types";
import { WindowPicker } from "./window-picker";
import { windowOf } from "./windows";

/** How often the numbers reload while the page is shown. */
const REFRESH_MS = 15_000;

/** `/`: what is happening now. */
export function OverviewPage(_props: PageProps): ReactNode {
  useTitle("Overview");
  const [value, setValue] = useQueryParam("window", "1h");
  const win = windowOf(value);
  const state = useApi<StatsOverview>("/api/v1/stats/overview", { query: { window: win.value, bucket: win.bucket }, pollMs: REFRESH_MS });
  const bucketMs = state.data?.bucketMs;
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={`Events, matches, failing deliveries, executions, approvals and time to repair ${win.phrase}.`}
        actions={
          <>
            <span className="overview-refresh muted" data-testid="overview-refresh-state">
              {state.loading ? <Spinner label="Refreshing" /> : null}
              {bucketMs === undefined ? "" : `1 bar = ${formatShortDuration(bucketMs)} · refreshes every 15 s`}
            </span>
            <button type="button" className="button button--ghost button--small" onClick={() => void state.refetch()} data-testid="overview-refresh" title="Reload now">
              Refresh
            </button>
            <WindowPicker value={win.value} onChange={(v) => setValue(v)} />
          </>
        }
      />
      <ApiView state={state} loading={<OverviewSkeleton />}>
        {(data) => (
          <div className="overview" data-testid="overview">
            <StatCards data={data} win={win} />
            <OverviewCharts data={data} win={win} />
          </div>
        )}
      </ApiView>
    </>
  );
}

function OverviewSkeleton(): ReactNode {
  return (
    <div className="overview" data-testid="loading" role="status" aria-busy="true" aria-label="Loading">
      <div className="overview-cards">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="card overview-stat">
            <Skeleton width="60%" height="0.8rem" />
            <Skeleton width="40%" height="1.6rem" />
            <Skeleton width="80%" height="0.7rem" />
          </div>
        ))}
      </div>
      <div className="overview-charts">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className={`card overview-chart${i === 0 ? " overview-chart--wide" : ""}`}>
            <Skeleton width="30%" height="1rem" />
            <Skeleton height="170px" />
          </div>
        ))}
      </div>
    </div>
  );
}
