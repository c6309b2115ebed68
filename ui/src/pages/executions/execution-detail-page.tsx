// Placeholder for the Execution page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/executions/:id`: the workflow graph, live. */
export function ExecutionDetailPage({ params }: PageProps): ReactNode {
  useTitle("Execution");
  return (
    <>
      <PageHeader title="Execution" subtitle="The workflow as a graph, live." />
      <EmptyState title="This page is being built" testId="placeholder">
        The execution graph will appear here{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
