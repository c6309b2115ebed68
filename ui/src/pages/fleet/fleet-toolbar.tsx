// The filters above the fleet: free text (name, id, IP, tag, fault), cloud, state, health,
// released instances, and table or tiles. Every change goes into the URL and back to page 1.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import type { FleetFilters } from "./fleet-filters";
import { SIM_STATES } from "./types";

/** The toolbar; `filters` is the URL's state. */
export function FleetToolbar({ filters }: { filters: FleetFilters }): ReactNode {
  // The text box is typed into locally and written to the URL a moment later.
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return;
    const timer = window.setTimeout(() => setQuery({ q: text, page: undefined }), 200);
    return () => window.clearTimeout(timer);
  }, [text, filters.q]);

  return (
    <div className="fleet-toolbar row" role="search">
      <input
        className="input fleet-toolbar__search"
        type="search"
        placeholder="Filter: name, id, IP, tag=value, fault…"
        aria-label="Filter instances"
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="fleet-filter-q"
      />
      <select className="select" aria-label="Cloud" value={filters.cloud} onChange={(e) => setQuery({ cloud: e.target.value, page: undefined })} data-testid="fleet-filter-cloud">
        <option value="">All clouds</option>
        <option value="tencent">Tencent</option>
        <option value="aliyun">Alibaba</option>
      </select>
      <select className="select" aria-label="State" value={filters.state} onChange={(e) => setQuery({ state: e.target.value, page: undefined })} data-testid="fleet-filter-state">
        <option value="">All states</option>
        {SIM_STATES.filter((s) => s !== "RELEASED").map((s) => (
          <option key={s} value={s}>
            {s.toLowerCase()}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Health" value={filters.health} onChange={(e) => setQuery({ health: e.target.value, page: undefined })} data-testid="fleet-filter-health">
        <option value="">Any health</option>
        <option value="healthy">healthy</option>
        <option value="faulty">faulty</option>
        <option value="moving">changing state</option>
        <option value="down">stopped or released</option>
      </select>
      <label className="fleet-toolbar__check">
        <input type="checkbox" checked={filters.released} onChange={(e) => setQuery({ released: e.target.checked ? "1" : undefined, page: undefined })} data-testid="fleet-filter-released" />
        Released too
      </label>
      <div className="fleet-seg fleet-toolbar__view" role="group" aria-label="View">
        <button type="button" className={filters.view === "table" ? "is-on" : ""} aria-pressed={filters.view === "table"} onClick={() => setQuery({ view: undefined })} data-testid="fleet-view-table">
          Table
        </button>
        <button type="button" className={filters.view === "tiles" ? "is-on" : ""} aria-pressed={filters.view === "tiles"} onClick={() => setQuery({ view: "tiles" })} data-testid="fleet-view-tiles">
          Tiles
        </button>
      </div>
    </div>
  );
}
