// The approvals page (route table: app/routes.ts; `/approvals/:id` opens one approval).
export { ApprovalsPage } from "./approvals-page";
