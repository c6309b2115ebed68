// The fleet page (route table: app/routes.ts).
export { FleetPage } from "./fleet-page";
