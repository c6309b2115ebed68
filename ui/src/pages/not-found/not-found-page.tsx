// The page for a path the console does not know (a mistyped or outdated link).
import type { ReactNode } from "react";
import { Link, useLocation } from "../../app/router";
import type { PageProps } from "../../app/router";
import { useTitle } from "../../app/title";
import { EmptyState, PageHeader } from "../../components";

/** Any unknown path. */
export function NotFoundPage(_props: PageProps): ReactNode {
  useTitle("Not found");
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title={<>There is no page at <code>{pathname}</code></>}
        testId="not-found"
        action={
          <Link to="/" className="button">
            Go to the overview
          </Link>
        }
      >
        The link may be mistyped, or the thing it pointed to may have been removed.
      </EmptyState>
    </>
  );
}
