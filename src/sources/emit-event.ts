// How probes and schedules put an event on a bus: through the ingest path every other event
// takes (EventType validation, the store, the rules' outbox), one event at a time. Both keep
// the event in their own table until it is stored, and emit it again after a crash; the store
// deduplicates on (bus, source, id), so the second emission of the same event is harmless.
import type { CloudEvent, IngestResult } from "../core/event.js";
import type { IngestService } from "../events/ingest-service.js";

/** Where generated events go: the ingest service (or anything with its `ingest`). */
export type EventSink = Pick<IngestService, "ingest">;

/** What became of one emitted event. */
export type EmitOutcome = { stored: true; duplicate: boolean } | { stored: false; error: string };

/**
 * Ingests `event` on `bus`. Resolves once the event is stored (or known to be a duplicate) or
 * refused by the bus's validation, which no retry would change; rejects when it could not be
 * stored now (the caller keeps it and tries again).
 */
export async function emitEvent(sink: EventSink, bus: string, event: CloudEvent): Promise<EmitOutcome> {
  const [result] = await sink.ingest(bus, [{ ok: true, event }]);
  return outcome(result);
}

function outcome(result: IngestResult | undefined): EmitOutcome {
  if (result === undefined) return { stored: false, error: "the ingest service gave no answer for the event" };
  if (result.status === "rejected") return { stored: false, error: result.error ?? "rejected by the bus" };
  return { stored: true, duplicate: result.status === "duplicate" };
}
