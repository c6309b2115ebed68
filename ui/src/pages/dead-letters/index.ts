// The dead-letters page (route table: app/routes.ts).
export { DeadLettersPage } from "./dead-letters-page";
