// Placeholder for the Overview page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/`: what is happening now. */
export function OverviewPage({ params }: PageProps): ReactNode {
  useTitle("Overview");
  return (
    <>
      <PageHeader title="Overview" subtitle="Events, matches, failing deliveries, executions, approvals and MTTR at a glance." />
      <EmptyState title="This page is being built" testId="placeholder">
        Charts of events per minute, matches, failures and MTTR will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
