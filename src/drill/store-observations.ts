// The drill's view of Reflex, read from the store: events through the event repository, what
// the rules made of each event through the same lineage `GET /api/v1/events/:id` shows, and the
// workflow executions those deliveries started (an execution started by a rule delivery carries
// the trigger key `delivery:<id>`).
import type { Kysely } from "kysely";
import { eventLineage } from "../rules/index.js";
import { searchEvents } from "../store/event-repository.js";
import { executionsStartedBy } from "../store/execution-triggers.js";
import type { Store } from "../store/open-store.js";
import type { Database } from "../store/schema.js";
import type { DrillObservations, ObservedRemediation } from "./observations.js";

/** Most events about one instance a drill looks at. */
const MAX_EVENTS = 100;

/** Observations read from `store`. */
export function storeObservations(store: Pick<Store, "db" | "dialect">): DrillObservations {
  return {
    async eventsAbout(subject, fromMs) {
      const found = await searchEvents(store.db, store.dialect, { subject, fromMs }, MAX_EVENTS);
      return found
        .map((e) => ({ bus: e.bus, source: e.event.source, id: e.event.id, type: e.event.type, seq: e.seq, receivedMs: e.receivedAt }))
        .sort((a, b) => a.seq - b.seq);
    },
    async remediationsOf(event) {
      const lineage = await eventLineage(store.db, { bus: event.bus, source: event.source, id: event.id });
      const deliveries: ObservedRemediation[] = lineage.deliveries.map((d) => ({
        kind: "delivery",
        id: String(d.id),
        createdMs: Date.parse(String(d.createdAt)),
        status: String(d.status),
        label: `rule ${String(d.rule)} → ${String(d.type)} target ${String(d.target)}`,
      }));
      const executions = await executionsOf(store.db, deliveries.map((d) => d.id));
      return [...deliveries, ...executions].sort((a, b) => a.createdMs - b.createdMs);
    },
  };
}

async function executionsOf(db: Kysely<Database>, deliveryIds: readonly string[]): Promise<ObservedRemediation[]> {
  const started = await executionsStartedBy(db, deliveryIds);
  return started.map((e) => ({ kind: "execution", id: e.id, createdMs: e.createdMs, status: e.status, label: `execution of workflow ${e.workflow}` }));
}
