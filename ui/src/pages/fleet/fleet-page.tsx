// `/fleet`: the cloud simulator's fleet through Reflex's proxy (/api/v1/sim/*), refreshed every
// 2 s while the tab is visible — counts by health, the instances (table or tiles) with a fault
// menu for operators, and the history of faults with how each ended. Without a simulator it
// says how to wire one. Filters, view, selection and page live in the URL.
import { useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { setQuery, useQuery } from "../../app/query-state";
import type { PageProps } from "../../app/router";
import { useSession } from "../../app/session";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, EmptyState, PageHeader } from "../../components";
import "../../styles/fleet.css";
import { FaultsHistory } from "./faults-history";
import { FLEET_PAGE_SIZE, applyLocalFilters, readFilters } from "./fleet-filters";
import type { FleetFilters } from "./fleet-filters";
import { FleetSummary } from "./fleet-summary";
import { FleetToolbar } from "./fleet-toolbar";
import { InstanceTiles } from "./instance-tiles";
import { InstancesTable } from "./instances-table";
import { Pager, pageOf } from "./pager";
import type { Items, SimFault, SimInfo, SimInstance } from "./types";

/** How often the fleet and the faults are read again while the page is visible. */
export const FLEET_POLL_MS = 2000;

/** `/fleet`: the simulator's fleet and faults. */
export function FleetPage(_props: PageProps): ReactNode {
  useTitle("Fleet");
  const info = useApi<SimInfo>("/api/v1/sim", { pollMs: 10_000 });
  const sim = info.data;
  return (
    <>
      <PageHeader
        title="Fleet"
        subtitle="The cloud simulator's instances and the faults injected into them."
        actions={
          sim?.enabled === true ? (
            <span className="fleet-live" data-testid="fleet-live" title={`refreshed every ${FLEET_POLL_MS / 1000} s while this tab is visible`}>
              <span className={sim.reachable ? "fleet-dot fleet-dot--ok fleet-dot--pulse" : "fleet-dot fleet-dot--bad"} />
              {sim.reachable ? "Live" : "Simulator not answering"} · <span className="mono">{sim.url}</span>
            </span>
          ) : undefined
        }
      />
      <ApiView state={info} loading={4}>
        {(s) => (s.enabled ? <FleetView sim={s} /> : <NoSimulator />)}
      </ApiView>
    </>
  );
}

function NoSimulator(): ReactNode {
  return (
    <EmptyState title="No simulator is wired to this Reflex" testId="fleet-no-sim">
      <p>
        The fleet shown here is the cloud simulator's: simulated Tencent Cloud and Alibaba Cloud instances you can break on purpose and watch Reflex heal. Start Reflex with it —{" "}
        <code>reflex up --sim</code> (or <code>npm start</code>, the playground) — or point this Reflex at a simulator already running with <code>REFLEX_SIM_URL</code> (and{" "}
        <code>REFLEX_SIM_TOKEN</code> when it has a control token), then reload.
      </p>
    </EmptyState>
  );
}

function FleetView({ sim }: { sim: SimInfo }): ReactNode {
  const query = useQuery();
  const f = readFilters(query);
  const session = useSession();
  const instances = useApi<Items<SimInstance>>("/api/v1/sim/instances", { query: { cloud: f.cloud, state: f.state, released: f.released ? true : undefined }, pollMs: FLEET_POLL_MS });
  const faults = useApi<Items<SimFault>>("/api/v1/sim/faults", { query: { instanceId: f.instance }, pollMs: FLEET_POLL_MS });
  const [injected, setInjected] = useState<SimFault | null>(null);
  useEffect(() => {
    if (injected === null) return;
    const timer = window.setTimeout(() => setInjected(null), 8000);
    return () => window.clearTimeout(timer);
  }, [injected]);

  const byId = useMemo(() => new Map((instances.data?.items ?? []).map((i) => [i.id, i])), [instances.data]);
  const select = (id: string | undefined): void => setQuery({ instance: id });
  const onInjected = (fault: SimFault): void => {
    setInjected(fault);
    void instances.refetch();
    void faults.refetch();
  };
  const kinds = session.can("operator") ? sim.faultKinds : null;

  return (
    <div className="fleet-layout">
      <div className="fleet-main stack">
        {!sim.reachable && (
          <div className="fleet-banner fleet-banner--bad" role="alert" data-testid="fleet-sim-unreachable">
            The simulator at <span className="mono">{sim.url}</span> does not answer its health check. Is it still running?
          </div>
        )}
        {injected !== null && (
          <div className="fleet-banner fleet-banner--ok" role="status" data-testid="fleet-injected">
            Injected <strong className="mono">{injected.kind}</strong> into {byId.get(injected.instanceId)?.name ?? injected.instanceId} (<span className="mono">{injected.id}</span>). Watch it heal below.
          </div>
        )}
        <FleetToolbar filters={f} />
        <ApiView state={instances} loading={8}>
          {(d) => <FleetList items={d.items} filters={f} kinds={kinds} onSelect={select} onInjected={onInjected} />}
        </ApiView>
      </div>
      <aside className="fleet-aside">
        <ApiView state={faults} loading={6}>
          {(d) => <FaultsHistory faults={d.items} instances={byId} outcome={f.faults} instanceId={f.instance} onSelectInstance={select} />}
        </ApiView>
      </aside>
    </div>
  );
}

interface FleetListProps {
  items: readonly SimInstance[];
  filters: FleetFilters;
  kinds: readonly string[] | null;
  onSelect: (id: string | undefined) => void;
  onInjected: (fault: SimFault) => void;
}

function FleetList({ items, filters, kinds, onSelect, onInjected }: FleetListProps): ReactNode {
  const shown = applyLocalFilters(items, filters);
  const page = pageOf(shown, filters.page, FLEET_PAGE_SIZE);
  const filtered = filters.cloud !== "" || filters.state !== "" || filters.q !== "" || filters.health !== "";
  const empty = (
    <EmptyState
      title={items.length === 0 && !filtered ? "The simulator has no instances" : "No instance matches these filters"}
      testId="fleet-instances-empty"
      action={
        filtered ? (
          <button type="button" className="button" onClick={() => setQuery({ cloud: undefined, state: undefined, q: undefined, health: undefined, page: undefined })} data-testid="fleet-clear-filters">
            Clear the filters
          </button>
        ) : undefined
      }
    >
      {items.length === 0 && !filtered ? (
        <>
          Create some with the simulator's control API (<code>POST /sim/instances</code>), or run a drill that creates its own.
        </>
      ) : undefined}
    </EmptyState>
  );
  return (
    <>
      <FleetSummary items={items} active={filters.health} />
      {filters.view === "tiles" ? (
        page.rows.length === 0 ? (
          empty
        ) : (
          <InstanceTiles rows={page.rows} selected={filters.instance} onSelect={onSelect} kinds={kinds} onInjected={onInjected} />
        )
      ) : (
        <InstancesTable rows={page.rows} selected={filters.instance} onSelect={onSelect} kinds={kinds} onInjected={onInjected} empty={empty} />
      )}
      <Pager page={page.page} pageSize={FLEET_PAGE_SIZE} total={shown.length} onPage={(p) => setQuery({ page: p === 1 ? undefined : String(p) })} testId="fleet-pager" />
    </>
  );
}
