// What happens to one received message, the same for every broker: decode it into events,
// store them through ingest, and say whether the consumer may acknowledge it. Stored (or
// already stored: a redelivery) and refused messages are acknowledged — a message Reflex
// cannot read will not become readable by coming back, so it is logged and counted instead of
// looping forever. When storing fails, `receive` throws: the message is not acknowledged and
// the broker delivers it again.
import type { Logger } from "pino";
import type { BrokerSourceSpec } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import { ReflexError } from "../core/errors.js";
import type { IngestResult } from "../core/event.js";
import type { IngestItem } from "../events/ingest-item.js";
import type { BrokerMessage } from "./broker-message.js";
import type { MessageDecoder } from "./message-events.js";

/** The part of the ingest service a source uses. */
export interface IngestPort {
  ingest(bus: string, items: readonly IngestItem[]): Promise<IngestResult[]>;
}

/** What became of a message: all its events stored, all already stored, or some refused. */
export type ReceiveOutcome = "stored" | "duplicate" | "rejected";

/** Counts messages by source and outcome (`failed`: not stored, to be redelivered). */
export interface SourceObserver {
  received(source: string, outcome: ReceiveOutcome | "failed"): void;
}

/** The events of a message could not be stored; the message must not be acknowledged. */
export class StoreUnavailableError extends ReflexError {
  constructor(cause: unknown) {
    super("store_unavailable", `storing a message's events failed (${cause instanceof Error ? cause.message : String(cause)}); the message is left unacknowledged for the broker to redeliver`, { status: 503, cause });
  }
}

/** Receives one message: resolves with its outcome once it may be acknowledged; throws StoreUnavailableError. */
export type Receive = (message: BrokerMessage) => Promise<ReceiveOutcome>;

/** What a receiver needs. */
export interface ReceiverDeps {
  spec: BrokerSourceSpec;
  decode: MessageDecoder;
  ingest: IngestPort;
  observer: SourceObserver;
  clock: Clock;
  logger: Logger;
}

/** The receive function of one source. */
export function createReceiver(deps: ReceiverDeps): Receive {
  const { spec } = deps;
  return async (message) => {
    const items = await deps.decode(message, deps.clock.now());
    let results: IngestResult[];
    try {
      results = await deps.ingest.ingest(spec.bus, items);
    } catch (err) {
      deps.observer.received(spec.name, "failed");
      throw new StoreUnavailableError(err);
    }
    const refused = results.filter((r) => r.status === "rejected");
    const outcome: ReceiveOutcome = refused.length > 0 ? "rejected" : results.every((r) => r.status === "duplicate") ? "duplicate" : "stored";
    if (refused.length > 0) {
      const errors = refused.slice(0, 5).map((r) => (r.index !== undefined && items.length > 1 ? `#${r.index}: ${r.error ?? ""}` : (r.error ?? "")));
      deps.logger.warn({ source: spec.name, topic: message.topic, key: message.key, refused: refused.length, of: items.length, errors }, `source '${spec.name}' refused a message; it is acknowledged and will not come back`);
    }
    deps.observer.received(spec.name, outcome);
    return outcome;
  };
}
