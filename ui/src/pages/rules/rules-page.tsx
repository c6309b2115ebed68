// Placeholder for the Rules page: the route, title and empty state exist so links work; the page
// itself is built in its own brief.
import type { ReactNode } from "react";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** `/rules`: list, enable, disable. */
export function RulesPage({ params }: PageProps): ReactNode {
  useTitle("Rules");
  return (
    <>
      <PageHeader title="Rules" subtitle="Rules in force; enable, disable, edit and test them." />
      <EmptyState title="This page is being built" testId="placeholder">
        The rules list will appear here.{Object.keys(params).length > 0 ? ` (${Object.values(params).join(", ")})` : ""}
      </EmptyState>
    </>
  );
}
