// What the example tests read back about rules from Reflex's own records, through its API: the
// events stored about an instance, with the status the cloud gave them ("1" abnormal, "0"
// resolved), and an event's lineage — each rule's outcome and the deliveries it made.
// (Executions: reflex-records.ts.)
import type { ExampleRun } from "../support/example-run.js";
import { waitFor } from "../support/reflex.js";

/** A stored event as `GET /api/v1/events` lists it. */
export interface StoredEvent {
  event: { id: string; type: string; subject?: string; status?: string; data?: Record<string, unknown> };
}

/** An event's lineage (`GET /api/v1/events/{id}`). */
export interface Lineage {
  matches: { rule: string; status: string }[];
  deliveries: { id: string; rule: string; target: string; type: string; status: string; lastError: string | null; executions: { id: string; workflow: string; status: string }[] }[];
}

/** GETs `path` from Reflex's API with the admin token; throws on an error status. */
export async function getJson<T>(run: ExampleRun, path: string): Promise<T> {
  const res = await run.reflex.api(path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The events of `type` about `instance` with `status` ("1" abnormal, "0" resolved) Reflex stored, newest first, once there are `count`. */
export function storedEvents(run: ExampleRun, type: string, instance: string, status: "0" | "1", count = 1): Promise<StoredEvent[]> {
  const path = `/api/v1/events?type=${encodeURIComponent(type)}&subject=${encodeURIComponent(instance)}&limit=100`;
  return waitFor(async () => {
    const items = (await getJson<{ items: StoredEvent[] }>(run, path)).items.filter((e) => e.event.status === status);
    return items.length >= count ? items : undefined;
  }, `${count} ${type} event(s) with status ${status} about ${instance} stored in Reflex`);
}

/** The lineage of a stored event, once `ready` holds for it. */
export function lineageOf(run: ExampleRun, eventId: string, ready: (lineage: Lineage) => boolean, what: string): Promise<Lineage> {
  return waitFor(async () => {
    const view = await getJson<{ lineage: Lineage }>(run, `/api/v1/events/${encodeURIComponent(eventId)}`);
    return ready(view.lineage) ? view.lineage : undefined;
  }, what);
}
