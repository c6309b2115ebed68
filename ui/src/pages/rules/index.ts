// The rules pages (route table: app/routes.ts).
export { RulesPage } from "./rules-page";
export { RuleDetailPage } from "./rule-detail-page";
