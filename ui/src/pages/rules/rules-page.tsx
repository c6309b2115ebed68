// `/rules`: every rule in force, searchable and filtered in the URL, 50 to a page, with an on/off
// switch for operators (API rules; config-file rules say why they are read-only) and a way to
// write a new rule. The list reloads every 15 s so a change made elsewhere shows up.
import { useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import type { PageProps } from "../../app/router";
import { Link } from "../../app/router";
import { setQuery } from "../../app/query-state";
import { useTitle } from "../../app/title";
import { ApiView, EmptyState, IfCan, PageHeader } from "../../components";
import { LockIcon } from "./origin-text";
import { filterRules, isFiltered, PAGE_SIZE, useRulesFilter } from "./rules-filter";
import { RulesPager } from "./rules-pager";
import { RulesTable } from "./rules-table";
import { RulesToolbar } from "./rules-toolbar";
import type { RuleList, RuleView } from "./types";
import { useLastDeliveries } from "./use-last-deliveries";
import "../../styles/rules.css";

/** `/rules`: list, search, enable, disable. */
export function RulesPage(_props: PageProps): ReactNode {
  useTitle("Rules");
  const filter = useRulesFilter();
  const state = useApi<RuleList>("/api/v1/rules", { pollMs: 15_000 });
  const deliveries = useLastDeliveries();

  // A switched rule shows its new state at once, until the list reloads with it.
  const [changed, setChanged] = useState<ReadonlyMap<string, RuleView>>(new Map());
  useEffect(() => setChanged(new Map()), [state.data]);
  const onChanged = (rule: RuleView): void => {
    setChanged((m) => new Map(m).set(rule.name, rule));
    void state.refetch();
  };

  const rules = useMemo(() => (state.data?.items ?? []).map((r) => changed.get(r.name) ?? r), [state.data, changed]);
  const buses = useMemo(() => [...new Set(rules.map((r) => r.bus))].sort(), [rules]);
  const shown = useMemo(() => filterRules(rules, filter), [rules, filter]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const pageRows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Rules"
        subtitle="Which events mean something, and what Reflex does about them."
        actions={
          <IfCan role="operator">
            <Link to="/rules/new" className="button button--primary" data-testid="rules-new">
              New rule
            </Link>
          </IfCan>
        }
      />
      <RulesToolbar filter={filter} buses={buses} />
      <ApiView
        state={state}
        loading={8}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState title="No rules yet" testId="rules-empty" action={<IfCan role="operator"><Link to="/rules/new" className="button">Write the first rule</Link></IfCan>}>
            Rules come from the config directory (<code>kind: Rule</code> documents) or are written here through the API.
          </EmptyState>
        }
      >
        {() => (
          <div className="stack rules-list">
            <RulesTable
              rules={pageRows}
              lastDelivery={deliveries.byRule}
              deliveriesKnown={deliveries.state.data !== undefined}
              onChanged={onChanged}
              empty={
                <EmptyState
                  title="No rule matches these filters"
                  testId="rules-empty-filtered"
                  action={
                    isFiltered(filter) ? (
                      <button type="button" className="button" onClick={() => setQuery({ q: undefined, origin: undefined, state: undefined, bus: undefined, page: undefined })}>
                        Clear the filters
                      </button>
                    ) : undefined
                  }
                >
                  {rules.length} rule{rules.length === 1 ? "" : "s"} in force; none has all the words searched for.
                </EmptyState>
              }
            />
            <div className="rules-foot">
              <RulesPager page={page} total={shown.length} />
              <span className="muted rules-foot__legend">
                <LockIcon /> from a config file: read-only here, change it in its file · API rules can be edited and switched here
              </span>
            </div>
          </div>
        )}
      </ApiView>
    </>
  );
}
