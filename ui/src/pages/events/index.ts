// The events pages (route table: app/routes.ts).
export { EventsPage } from "./events-page";
export { EventDetailPage } from "./event-detail-page";
