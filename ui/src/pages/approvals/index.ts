// The approvals page (route table: app/routes.ts).
export { ApprovalsPage } from "./approvals-page";
