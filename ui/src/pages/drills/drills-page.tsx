// `/drills`: the drills configured (`kind: Drill`), each with its MTTR over runs and — for
// operators — Run, and the runs newest first, filterable by drill and status (in the URL) and
// followed while any is running. A row opens the run's report.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { setQuery, useQuery } from "../../app/query-state";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, EmptyState, PageHeader, useNow } from "../../components";
import "../../styles/fleet.css"; // shared bits: links, dots, segmented buttons, pager
import "../../styles/drills.css";
import { DrillCard } from "./drill-card";
import { RunsTable } from "./runs-table";
import type { DrillRunItem, DrillView, Items } from "./types";

const PAGE = 50;
const STATUSES = ["running", "passed", "failed", "error"];

/** `/drills`: chaos drills and their runs. */
export function DrillsPage(_props: PageProps): ReactNode {
  useTitle("Drills");
  const query = useQuery();
  const drill = query.drill ?? "";
  const status = query.status ?? "";
  const limit = Math.min(1000, Math.max(PAGE, Number.parseInt(query.limit ?? "", 10) || PAGE));
  const [following, setFollowing] = useState(false);
  const drills = useApi<Items<DrillView>>("/api/v1/drills");
  const runs = useApi<Items<DrillRunItem>>("/api/v1/drill-runs", { query: { drill, limit }, pollMs: following ? 2000 : 15_000 });
  const anyRunning = runs.data?.items.some((r) => r.status === "running") ?? false;
  useEffect(() => setFollowing(anyRunning), [anyRunning]);
  const now = useNow();

  const latestOf = (name: string): DrillRunItem | undefined => runs.data?.items.find((r) => r.drill === name);

  return (
    <>
      <PageHeader title="Drills" subtitle="Chaos drills: inject a fault into many instances, watch Reflex detect and heal it, read the MTTR." />
      <section className="drills-list" aria-label="Configured drills">
        <ApiView
          state={drills}
          loading={3}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <EmptyState title="No drills configured" testId="drills-empty">
              <p>
                A drill is a config document, <code>kind: Drill</code>: which instances (new ones, or ids), which fault, and how fast Reflex must detect and heal it. For example:
              </p>
              <pre className="drills-example">{`kind: Drill
name: ping-unreachable-10
instances:
  create: {count: 10, cloud: tencent, tags: {env: drill}}
fault: ping_unreachable
criteria: {detectWithin: 30s, healWithin: 2m, minHealedPercent: 100}`}</pre>
              <p>Add one to the config directory and reload (SIGHUP). See docs/drills.md.</p>
            </EmptyState>
          }
        >
          {(d) => (
            <div className="drills-grid">
              {d.items.map((item) => (
                <DrillCard key={item.name} drill={item} latest={latestOf(item.name)} focused={drill === item.name} />
              ))}
            </div>
          )}
        </ApiView>
      </section>

      <section className="stack drills-runs">
        <div className="drill-section-head">
          <h2>Runs</h2>
          <div className="row">
            <select className="select" aria-label="Drill" value={drill} onChange={(e) => setQuery({ drill: e.target.value, limit: undefined })} data-testid="drills-filter-drill">
              <option value="">All drills</option>
              {(drills.data?.items ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
              {drill !== "" && drills.data !== undefined && !drills.data.items.some((d) => d.name === drill) && <option value={drill}>{drill} (no longer configured)</option>}
            </select>
            <select className="select" aria-label="Status" value={status} onChange={(e) => setQuery({ status: e.target.value })} data-testid="drills-filter-status">
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        </div>
        <ApiView state={runs} loading={5}>
          {(d) => {
            const rows = status === "" ? d.items : d.items.filter((r) => r.status === status);
            const filtered = drill !== "" || status !== "";
            return (
              <>
                <RunsTable
                  runs={rows}
                  now={now}
                  empty={
                    <EmptyState
                      title={filtered ? "No run matches these filters" : "No runs yet"}
                      testId="drills-runs-empty"
                      action={
                        filtered ? (
                          <button type="button" className="button" onClick={() => setQuery({ drill: undefined, status: undefined, limit: undefined })} data-testid="drills-clear-filters">
                            Clear the filters
                          </button>
                        ) : undefined
                      }
                    >
                      {filtered ? (d.items.length === limit ? `None among the newest ${limit} runs.` : undefined) : <>
                          Start one with Run on a drill above (operators), or <code>reflex drill run NAME</code>.
                        </>}
                    </EmptyState>
                  }
                />
                {d.items.length === limit && limit < 1000 && (
                  <button type="button" className="button button--ghost drills-more" onClick={() => setQuery({ limit: String(Math.min(1000, limit + PAGE)) })} data-testid="drills-runs-more">
                    Load {PAGE} older runs
                  </button>
                )}
              </>
            );
          }}
        </ApiView>
      </section>
    </>
  );
}
