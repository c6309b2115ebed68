// Placeholder for the Approvals page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/approvals`: the inbox. */
export function ApprovalsPage({ params }: PageProps): ReactNode {
  useTitle("Approvals");
  return (
    <>
      <PageHeader title="Approvals" subtitle="Workflows waiting for a person to answer." />
      <EmptyState title="This page is being built" testId="placeholder">
        The approvals inbox will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
