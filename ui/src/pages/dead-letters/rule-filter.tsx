// The rule filter: the rules in force (from /api/v1/rules), plus the one in the URL if it is
// no longer among them (dead letters outlive deleted rules).
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import { setQuery } from "../../app/query-state";
import type { RuleList } from "./types";

/** A select of rule names that sets `?rule=`. */
export function RuleFilter({ value }: { value: string }): ReactNode {
  const rules = useApi<RuleList>("/api/v1/rules");
  const names = (rules.data?.items ?? []).map((r) => r.name).sort((a, b) => a.localeCompare(b));
  if (value !== "" && !names.includes(value)) names.unshift(value);
  return (
    <label className="dead-letters-filter">
      <span className="muted">Rule</span>
      <select className="select" value={value} onChange={(e) => setQuery({ rule: e.target.value, cursor: undefined, id: undefined })} data-testid="dead-letters-filter-rule" title={rules.error === undefined ? undefined : `The rules could not be listed: ${rules.error.detail}`}>
        <option value="">every rule</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
