// Placeholder for the Rule page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/rules/:name`: editor, tester, backtest. */
export function RuleDetailPage({ params }: PageProps): ReactNode {
  useTitle("Rule");
  return (
    <>
      <PageHeader title="Rule" subtitle="Edit the rule, test its pattern and backtest it." />
      <EmptyState title="This page is being built" testId="placeholder">
        The rule editor will appear here{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
