// Placeholder for the Drill run page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/drills/runs/:id`: one run's timeline and MTTR. */
export function DrillRunPage({ params }: PageProps): ReactNode {
  useTitle("Drill run");
  return (
    <>
      <PageHeader title="Drill run" subtitle="One drill run: its timeline and MTTR." />
      <EmptyState title="This page is being built" testId="placeholder">
        The drill run's timeline will appear here{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
