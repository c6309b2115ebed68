// The overview page (route table: app/routes.ts).
export { OverviewPage } from "./overview-page";
