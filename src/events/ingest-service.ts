// The one path every event takes in: whatever the HTTP mode or adapter, items arrive here,
// are checked against the bus's EventTypes (off | warn | enforce), and are stored through the
// group-commit writer. The answer names each event's fate by index; good events are stored
// even when others in the same batch are rejected. An outbox (the rules engine) may attach
// jobs to each event, stored in the event's transaction only if the event is stored.
import type { Insertable } from "kysely";
import type { Clock } from "../core/clock.js";
import { NotFoundError } from "../core/errors.js";
import type { CloudEvent, IngestResult } from "../core/event.js";
import type { BusSpec } from "../config/types.js";
import type { AppendRow } from "../store/event-repository.js";
import type { JobsTable } from "../store/schema.js";
import type { EventWriter } from "./event-writer.js";
import type { EventTypeRegistry } from "./event-types.js";
import type { IngestItem } from "./http-modes.js";
import { eventTimeMs, searchText } from "./normalize.js";

/** The parts of the live configuration ingest needs; swapped whole on reload. */
export interface IngestConfig {
  buses: ReadonlyMap<string, BusSpec>;
  eventTypes: EventTypeRegistry;
}

/** Told about every event's outcome (metrics). */
export interface IngestObserver {
  observe(bus: string, source: string, outcome: IngestResult["status"]): void;
}

/** Jobs an event causes (the rules it matched), stored with it. */
export interface EventOutbox {
  /** The jobs to store with `event` if it is stored; none when it causes nothing. */
  jobsFor(bus: string, event: CloudEvent, now: number): readonly Insertable<JobsTable>[];
  /** Told after a commit that stored some of those jobs. */
  committed(): void;
}

export class IngestService {
  constructor(
    private readonly writer: EventWriter,
    private readonly config: () => IngestConfig,
    private readonly clock: Clock,
    private readonly observer: IngestObserver,
    private readonly outbox: EventOutbox | null = null,
  ) {}

  /** Validates and stores items on a bus; one result per item, in order. */
  async ingest(busName: string, items: readonly IngestItem[]): Promise<IngestResult[]> {
    const { buses, eventTypes } = this.config();
    const bus = buses.get(busName);
    if (!bus) throw new NotFoundError("bus", busName, `declare it with kind: Bus; known buses: ${[...buses.keys()].join(", ")}`);
    const receivedMs = this.clock.now();
    const results: IngestResult[] = [];
    const rows: AppendRow[] = [];
    const rowIndex: number[] = [];
    items.forEach((item, index) => {
      if (!item.ok) {
        results.push({ index, id: item.id ?? "", status: "rejected", error: item.pointer ? `${item.pointer}: ${item.error}` : item.error });
        this.observer.observe(bus.name, "", "rejected");
        return;
      }
      const event = item.event;
      let schemaError: string | null = null;
      if (bus.validation !== "off") {
        const problem = eventTypes.check(event);
        if (problem) {
          const message = `${problem.pointer}: ${problem.message} (schema keyword '${problem.keyword}')`;
          if (bus.validation === "enforce") {
            results.push({ index, id: event.id, status: "rejected", error: `data does not match the EventType for ${event.source} ${event.type}: ${message}` });
            this.observer.observe(bus.name, event.source, "rejected");
            return;
          }
          schemaError = message;
        }
      }
      results.push({ index, id: event.id, status: "accepted", ...(schemaError ? { warning: schemaError } : {}) });
      rowIndex.push(index);
      const row: AppendRow = { bus: bus.name, event, timeMs: eventTimeMs(event), receivedMs, schemaError, text: searchText(event) };
      const jobs = this.outbox?.jobsFor(bus.name, event, receivedMs) ?? [];
      if (jobs.length > 0) row.outbox = jobs;
      rows.push(row);
    });
    const seqs = await this.writer.append(rows);
    if (this.outbox && seqs.some((seq, i) => seq !== null && rows[i]?.outbox !== undefined)) this.outbox.committed();
    seqs.forEach((seq, i) => {
      const result = results[rowIndex[i] ?? -1];
      const row = rows[i];
      if (!result || !row) return;
      if (seq === null) {
        result.status = "duplicate";
        delete result.warning;
      }
      this.observer.observe(bus.name, row.event.source, result.status);
    });
    return results;
  }
}
