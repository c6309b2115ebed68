// The route table: every console URL and the page that shows it. URLs are the shareable
// state (filters go in the query string, see query-state.ts).
import { ApprovalsPage } from "../pages/approvals";
import { DeadLettersPage } from "../pages/dead-letters";
import { DrillRunPage, DrillsPage } from "../pages/drills";
import { EventDetailPage, EventsPage } from "../pages/events";
import { ExecutionDetailPage, ExecutionsPage } from "../pages/executions";
import { FleetPage } from "../pages/fleet";
import { OverviewPage } from "../pages/overview";
import { RuleDetailPage, RulesPage } from "../pages/rules";
import type { Route } from "./router";

/** Pages inside the shell, first match wins. `/sign-in` is handled by the app root. */
export const ROUTES: readonly Route[] = [
  { path: "/", page: OverviewPage },
  { path: "/events", page: EventsPage },
  { path: "/events/:id", page: EventDetailPage },
  { path: "/rules", page: RulesPage },
  { path: "/rules/:name", page: RuleDetailPage },
  { path: "/executions", page: ExecutionsPage },
  { path: "/executions/:id", page: ExecutionDetailPage },
  { path: "/approvals", page: ApprovalsPage },
  // Chat messages link to /approvals/<id> (src/channels/default-messages.ts): it opens that one.
  { path: "/approvals/:id", page: ApprovalsPage },
  { path: "/dead-letters", page: DeadLettersPage },
  { path: "/fleet", page: FleetPage },
  { path: "/drills", page: DrillsPage },
  { path: "/drills/runs/:id", page: DrillRunPage },
];
