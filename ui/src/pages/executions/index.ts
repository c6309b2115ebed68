// The executions pages (route table: app/routes.ts).
export { ExecutionsPage } from "./executions-page";
export { ExecutionDetailPage } from "./execution-detail-page";
