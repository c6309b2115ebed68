// The one path every event takes in: whatever the HTTP mode or adapter, items arrive here,
// are checked against the bus's EventTypes (off | warn | enforce), and are stored through the
// group-commit writer. The answer names each event's fate by index; good events are stored
// even when others in the same batch are rejected.
import type { Clock } from "../core/clock.js";
import { NotFoundError } from "../core/errors.js";
import type { IngestResult } from "../core/event.js";
import type { BusSpec } from "../config/types.js";
import type { AppendRow } from "../store/event-repository.js";
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

export class IngestService {
  constructor(
    private readonly writer: EventWriter,
    private readonly config: () => IngestConfig,
    private readonly clock: Clock,
    private readonly observer: IngestObserver,
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
      rows.push({ bus: bus.name, event, timeMs: eventTimeMs(event), receivedMs, schemaError, text: searchText(event) });
    });
    const seqs = await this.writer.append(rows);
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
