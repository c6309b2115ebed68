// An event's lineage: what each rule it matched made of it (delivered, throttled,
// deduplicated, grouped, …) and every delivery it took part in — its own, and those of the
// groups it joined — with their status and the workflow executions each one started.
import type { Kysely } from "kysely";
import type { JsonObject } from "../core/json.js";
import { formatRfc3339 } from "../core/rfc3339.js";
import { deliveriesOfEvent } from "../store/delivery-repository.js";
import { executionsStartedBy } from "../store/execution-triggers.js";
import { matchesOfEvent } from "../store/rule-match-repository.js";
import type { Database } from "../store/schema.js";
import type { EventRef } from "./job-keys.js";
import { deliveryView, matchView } from "./views.js";

/** The matches and deliveries of one stored event. */
export async function eventLineage(db: Kysely<Database>, event: EventRef): Promise<{ matches: JsonObject[]; deliveries: JsonObject[] }> {
  const matches = await matchesOfEvent(db, event);
  const groups = [...new Set(matches.flatMap((m) => (m.group_id === null ? [] : [m.group_id])))];
  const deliveries = await deliveriesOfEvent(db, event, groups);
  const executions = await executionsStartedBy(db, deliveries.map((d) => d.id));
  return {
    matches: matches.map(matchView),
    deliveries: deliveries.map((d) => ({
      ...deliveryView(d),
      executions: executions.filter((e) => e.deliveryId === d.id).map((e) => ({ id: e.id, workflow: e.workflow, status: e.status, createdAt: formatRfc3339(e.createdMs) })),
    })),
  };
}
