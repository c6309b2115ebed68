// Placeholder for the Event page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/events/:id`: one event and its lineage. */
export function EventDetailPage({ params }: PageProps): ReactNode {
  useTitle("Event");
  return (
    <>
      <PageHeader title="Event" subtitle="One event, the rules it matched and what they started." />
      <EmptyState title="This page is being built" testId="placeholder">
        The event and its lineage will appear here{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
