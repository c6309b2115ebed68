// Placeholder for the Drills page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/drills`: chaos drills and their runs. */
export function DrillsPage({ params }: PageProps): ReactNode {
  useTitle("Drills");
  return (
    <>
      <PageHeader title="Drills" subtitle="Chaos drills: inject a fault, watch the heal, read the MTTR." />
      <EmptyState title="This page is being built" testId="placeholder">
        Drill runs will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
