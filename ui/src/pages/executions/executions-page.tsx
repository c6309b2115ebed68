// `/executions`: workflow executions, newest first, one page at a time. Filters (status,
// workflow, time window, top-level only) and the page cursor are in the URL. While any
// execution shown is still under way the page refreshes every 2 s and running durations tick;
// otherwise it looks for new executions every 15 s on the newest page.
import { useState } from "react";
import type { ReactNode } from "react";
import { useQuery } from "../../app/query-state";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, DataTable, EmptyState, PageHeader } from "../../components";
import "../../styles/executions.css";
import { ListFilters } from "./list-filters";
import { listColumns } from "./list-columns";
import { ListPager, usePageStack } from "./list-pager";
import { isLive } from "./statuses";
import { apiTimeWindow, readTimeWindow } from "./time-window";
import type { ExecutionPage, ExecutionSummary } from "./types";
import { useTicker } from "./use-ticker";

/** Rows per page. */
export const EXECUTIONS_PAGE_SIZE = 50;
/** Refresh while an execution shown runs. */
const LIVE_POLL_MS = 2000;
/** Refresh of the newest page when nothing shown runs (new executions appear). */
const IDLE_POLL_MS = 15_000;

/** `/executions`: list with filters. */
export function ExecutionsPage(_props: PageProps): ReactNode {
  useTitle("Executions");
  const query = useQuery();
  const window = readTimeWindow(query, Date.now());
  const pageCursor = query.cursor === "" ? undefined : query.cursor;
  const apiQuery = {
    workflow: query.workflow,
    status: query.status,
    topLevel: query.top === "1" ? true : undefined,
    ...apiTimeWindow(window),
    limit: EXECUTIONS_PAGE_SIZE,
    cursor: pageCursor,
  };
  const filterKey = JSON.stringify([query.workflow, query.status, query.top, query.since, query.from, query.to]);
  const pages = usePageStack(filterKey);

  // Each answer decides how soon the next one is asked for.
  const [anyLive, setAnyLive] = useState(false);
  const pollMs = anyLive ? LIVE_POLL_MS : pageCursor === undefined ? IDLE_POLL_MS : undefined;
  const state = useApi<ExecutionPage>("/api/v1/executions", { query: apiQuery, pollMs });
  const liveNow = state.data?.items.some((e) => isLive(e.status)) === true;
  if (liveNow !== anyLive) setAnyLive(liveNow);
  const now = useTicker(1000, anyLive);

  const filtered = ["status", "workflow", "since", "from", "to", "top"].some((k) => query[k] !== undefined && query[k] !== "");

  return (
    <>
      <PageHeader
        title="Executions"
        subtitle="Workflow executions, newest first."
        actions={
          <>
            {state.data !== undefined && (
              <span className={anyLive ? "executions-live is-live" : "executions-live"} data-testid="executions-live" data-live={anyLive} title={anyLive ? `refreshing every ${LIVE_POLL_MS / 1000} s while an execution shown runs` : "nothing shown is running"}>
                <span className="executions-live__dot" aria-hidden="true" />
                {anyLive ? "Live" : "Idle"}
              </span>
            )}
            <button type="button" className="button button--small" onClick={() => void state.refetch()} disabled={state.loading} data-testid="executions-refresh">
              Refresh
            </button>
          </>
        }
      />
      <ListFilters query={query} window={window} />
      <ApiView state={state} loading={8}>
        {(page) => {
          const rows = page.items;
          const nextCursor = page.nextCursor ?? undefined;
          return (
            <div className="stack executions-list">
              <DataTable<ExecutionSummary>
                columns={listColumns(now)}
                rows={rows}
                rowKey={(e) => e.id}
                rowHref={(e) => `/executions/${encodeURIComponent(e.id)}`}
                rowClassName={(e) => (e.status === "failed" || e.status === "timeout" ? "executions-row--failed" : undefined)}
                testId="executions-table"
                empty={
                  <EmptyState title={filtered ? "No executions match these filters" : "No executions yet"} testId="executions-empty">
                    {filtered
                      ? "Try another status, workflow or time window, or clear the filters."
                      : "Executions appear here when a rule starts a workflow, or when an operator starts one (POST /api/v1/executions, or `reflex executions start`)."}
                  </EmptyState>
                }
              />
              <ListPager cursor={pageCursor} nextCursor={nextCursor} count={rows.length} pages={pages} />
            </div>
          );
        }}
      </ApiView>
    </>
  );
}
