// The executions list's filter bar: status, workflow, time window (a relative one or a custom
// from/to) and "top-level only". Every value lives in the URL, so a filtered list is a link;
// changing a filter goes back to the first page.
import type { ReactNode } from "react";
import { setQuery } from "../../app/query-state";
import { useApi } from "../../api/use-api";
import { EXECUTION_STATUSES } from "./statuses";
import { SINCE_OPTIONS, toLocalInput } from "./time-window";
import type { TimeWindow } from "./time-window";
import type { WorkflowSummary } from "./types";

/** Props of `<ListFilters>`. */
export interface ListFiltersProps {
  query: Readonly<Record<string, string>>;
  window: TimeWindow;
}

/** Sets filters and drops the page cursor (a new filter starts at the newest). */
function setFilter(changes: Readonly<Record<string, string | undefined>>): void {
  setQuery({ ...changes, cursor: undefined });
}

function localToIso(text: string): string | undefined {
  if (text === "") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The filter bar above the executions table. */
export function ListFilters({ query, window }: ListFiltersProps): ReactNode {
  const workflows = useApi<{ items: WorkflowSummary[] }>("/api/v1/workflows");
  const names = workflows.data?.items.map((w) => w.name) ?? [];
  const workflow = query.workflow ?? "";
  // A workflow named in a shared link stays selectable even before (or without) the list.
  if (workflow !== "" && !names.includes(workflow)) names.unshift(workflow);
  const custom = query.since === undefined && (query.from !== undefined || query.to !== undefined || query.time === "custom");
  const timeValue = query.since ?? (custom ? "custom" : "");
  const filtered = ["status", "workflow", "since", "from", "to", "time", "top"].some((k) => query[k] !== undefined);

  const onTime = (value: string): void => {
    if (value === "custom") setFilter({ since: undefined, time: "custom", from: query.from, to: query.to });
    else setFilter({ since: value, time: undefined, from: undefined, to: undefined });
  };

  return (
    <div className="executions-filters" role="search" data-testid="executions-filters">
      <label className="executions-filters__field">
        <span>Status</span>
        <select className="select" value={query.status ?? ""} onChange={(e) => setFilter({ status: e.target.value })} data-testid="executions-filter-status">
          <option value="">Any status</option>
          {EXECUTION_STATUSES.map((s) => (
            <option key={s.value} value={s.value} title={s.meaning}>
              {s.value}
            </option>
          ))}
        </select>
      </label>
      <label className="executions-filters__field">
        <span>Workflow</span>
        <select className="select" value={workflow} onChange={(e) => setFilter({ workflow: e.target.value })} data-testid="executions-filter-workflow">
          <option value="">{workflows.error !== undefined ? "Any workflow (list failed to load)" : "Any workflow"}</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="executions-filters__field">
        <span>Created</span>
        <select className="select" value={timeValue} onChange={(e) => onTime(e.target.value)} data-testid="executions-filter-time">
          <option value="">Any time</option>
          {SINCE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          <option value="custom">Between…</option>
        </select>
      </label>
      {custom && (
        <>
          <label className="executions-filters__field">
            <span>From</span>
            <input type="datetime-local" className="input" value={toLocalInput(window.fromMs)} onChange={(e) => setFilter({ from: localToIso(e.target.value), time: "custom" })} data-testid="executions-filter-from" />
          </label>
          <label className="executions-filters__field">
            <span>To</span>
            <input type="datetime-local" className="input" value={toLocalInput(window.toMs)} onChange={(e) => setFilter({ to: localToIso(e.target.value), time: "custom" })} data-testid="executions-filter-to" />
          </label>
        </>
      )}
      <label className="executions-filters__check" title="Leave out sub-workflow executions (those started by a task of another execution)">
        <input type="checkbox" checked={query.top === "1"} onChange={(e) => setFilter({ top: e.target.checked ? "1" : undefined })} data-testid="executions-filter-top" />
        Top-level only
      </label>
      {filtered && (
        <button type="button" className="button button--ghost button--small" onClick={() => setFilter({ status: undefined, workflow: undefined, since: undefined, from: undefined, to: undefined, time: undefined, top: undefined })} data-testid="executions-filter-clear">
          Clear filters
        </button>
      )}
    </div>
  );
}
