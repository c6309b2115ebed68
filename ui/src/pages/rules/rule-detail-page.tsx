// `/rules/:name` and `/rules/new`: a rule's facts and actions, its YAML (edited with validation
// as you type, saved through the API), a pattern tester and a backtest. A rule from a config file
// is shown read-only, saying where to change it.
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import { clearApiCache } from "../../api/use-api";
import type { PageProps } from "../../app/router";
import { Link, navigate, pathTo } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, ErrorState, Loading, PageHeader } from "../../components";
import { RuleHeader } from "./rule-header";
import { RuleWorkspace } from "./rule-workspace";
import type { RuleView } from "./types";
import "../../styles/rules.css";

/** The name in the URL that opens the editor on a new rule. */
export const NEW_RULE = "new";

/** `/rules/:name`: editor, tester, backtest. */
export function RuleDetailPage({ params }: PageProps): ReactNode {
  const name = params.name ?? "";
  const isNew = name === NEW_RULE;
  useTitle(isNew ? "New rule" : name);
  const state = useApi<RuleView>(isNew ? null : `/api/v1/rules/${encodeURIComponent(name)}`);

  const onSaved = (rule: RuleView, created: boolean): void => {
    clearApiCache("/api/v1/rules");
    if (created || rule.name !== name) navigate(pathTo("/rules/:name", { name: rule.name }));
    else void state.refetch();
  };

  if (isNew) {
    return (
      <>
        <PageHeader breadcrumb={<Link to="/rules" data-testid="rule-back">← Rules</Link>} title="New rule" subtitle="Write the rule in YAML, as in a config file; it is checked as you type and takes effect when saved." />
        <RuleWorkspace key={NEW_RULE} rule={undefined} onSaved={onSaved} />
      </>
    );
  }

  if (state.data === undefined) {
    if (state.error === undefined) return <Loading rows={10} />;
    if (state.error.status === 404) {
      return (
        <EmptyState title={`No rule named ${name}`} testId="rule-not-found" action={<Link to="/rules" className="button">All rules</Link>}>
          It is not in force on this node: it may have been deleted or renamed.
        </EmptyState>
      );
    }
    return <ErrorState error={state.error} onRetry={() => void state.refetch()} />;
  }
  return (
    <>
      <RuleHeader rule={state.data} onChanged={() => void state.refetch()} />
      {state.error !== undefined && <ErrorState error={state.error} onRetry={() => void state.refetch()} title="Could not refresh; showing the last data" />}
      <RuleWorkspace key={state.data.name} rule={state.data} onSaved={onSaved} />
    </>
  );
}
