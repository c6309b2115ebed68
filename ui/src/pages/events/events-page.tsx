// Placeholder for the Events page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/events`: search and live tail. */
export function EventsPage({ params }: PageProps): ReactNode {
  useTitle("Events");
  return (
    <>
      <PageHeader title="Events" subtitle="Search events with filters, free text and a pattern; follow them live." />
      <EmptyState title="This page is being built" testId="placeholder">
        Event search and the live tail will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
