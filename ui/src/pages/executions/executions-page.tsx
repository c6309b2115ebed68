// Placeholder for the Executions page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/executions`: list with filters. */
export function ExecutionsPage({ params }: PageProps): ReactNode {
  useTitle("Executions");
  return (
    <>
      <PageHeader title="Executions" subtitle="Workflow executions, newest first." />
      <EmptyState title="This page is being built" testId="placeholder">
        The executions list will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
