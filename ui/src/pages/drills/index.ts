// The drills pages (route table: app/routes.ts).
export { DrillsPage } from "./drills-page";
export { DrillRunPage } from "./drill-run-page";
