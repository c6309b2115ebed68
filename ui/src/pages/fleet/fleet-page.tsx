// Placeholder for the Fleet page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/fleet`: the simulator's fleet and faults. */
export function FleetPage({ params }: PageProps): ReactNode {
  useTitle("Fleet");
  return (
    <>
      <PageHeader title="Fleet" subtitle="The simulated fleet, instance states and active faults." />
      <EmptyState title="This page is being built" testId="placeholder">
        The fleet will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
