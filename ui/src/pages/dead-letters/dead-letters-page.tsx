// Placeholder for the Dead letters page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/dead-letters`: inspect and re-drive. */
export function DeadLettersPage({ params }: PageProps): ReactNode {
  useTitle("Dead letters");
  return (
    <>
      <PageHeader title="Dead letters" subtitle="Deliveries that ran out of attempts; inspect and re-drive them." />
      <EmptyState title="This page is being built" testId="placeholder">
        Dead letters will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
