// Matching at ingest. For each event about to be stored, the registry's index gives the names
// of the rules it matches (in memory, so ingest stays fast); an event that matched anything
// carries one `rules.dispatch` job, stored in the same transaction as the event and only if
// the event is stored (the outbox). So a match is as durable as the event, and the heavy work —
// throttles, rendering, delivering — happens in jobs. Replays take the same path, with jobs
// enqueued directly (the event is already stored) and keyed by the replay.
import type { Insertable } from "kysely";
import type { Clock } from "../core/clock.js";
import type { CloudEvent, StoredEvent } from "../core/event.js";
import type { JsonObject } from "../core/json.js";
import type { EventOutbox } from "../events/ingest-service.js";
import type { ReplayTarget } from "../events/replay-service.js";
import { newJobValues } from "../queue/job-values.js";
import type { EnqueueOptions } from "../queue/types.js";
import type { Store } from "../store/open-store.js";
import type { JobsTable } from "../store/schema.js";
import { addJob } from "./add-job.js";
import { DISPATCH_JOB, RULES_QUEUE } from "./job-kinds.js";
import { dispatchKey } from "./job-keys.js";
import type { RuleRegistry } from "./rule-registry.js";

/** Attempts a dispatch gets: its failures are the database's, which recover. */
const DISPATCH_ATTEMPTS = 10;

/** The dispatch job of an event that matched `rules`; its payload is a DispatchPayload. */
export function dispatchJob(bus: string, event: CloudEvent, rules: string[], replayId: string | null): EnqueueOptions {
  const payload: JsonObject = { bus, source: event.source, id: event.id, rules };
  if (replayId !== null) payload.replayId = replayId;
  return {
    kind: DISPATCH_JOB,
    queue: RULES_QUEUE,
    payload,
    idempotencyKey: dispatchKey({ bus, source: event.source, id: event.id }, replayId),
    maxAttempts: DISPATCH_ATTEMPTS,
    backoffMs: 1_000,
    backoffMaxMs: 60_000,
  };
}

/** Attaches dispatch jobs to events at ingest, and feeds replayed events to the rules. */
export class RuleOutbox implements EventOutbox, ReplayTarget {
  constructor(
    private readonly registry: RuleRegistry,
    private readonly store: Store,
    private readonly clock: Clock,
    /** Called after dispatch jobs were stored (e.g. to wake the local worker). */
    private readonly stored: () => void = () => undefined,
  ) {}

  jobsFor(bus: string, event: CloudEvent, now: number): Insertable<JobsTable>[] {
    const rules = this.registry.match(bus, event);
    return rules.length === 0 ? [] : [newJobValues(dispatchJob(bus, event, rules, null), now)];
  }

  committed(): void {
    this.stored();
  }

  async replay(events: readonly StoredEvent[], replay: { id: string }): Promise<number> {
    const now = this.clock.now();
    let matches = 0;
    await this.store.db.transaction().execute(async (trx) => {
      for (const stored of events) {
        const rules = this.registry.match(stored.bus, stored.event);
        if (rules.length === 0) continue;
        matches += rules.length;
        await addJob(trx, dispatchJob(stored.bus, stored.event, rules, replay.id), now);
      }
    });
    if (matches > 0) this.stored();
    return matches;
  }
}
