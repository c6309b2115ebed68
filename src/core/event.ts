// The one neutral event type of Reflex: a CloudEvents 1.0 envelope with extension attributes
// at top level (as Tencent EventBridge sends `region`, `status`, `tags`, …). Every source
// adapter produces this; nothing past `events/` knows where an event came from.
import type { JsonValue } from "./json.js";

/** A CloudEvents 1.0 event in structured (JSON) form. */
export interface CloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  subject?: string;
  /** RFC 3339 timestamp. */
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  data?: JsonValue;
  data_base64?: string;
  /** Extension attributes, kept at top level. */
  [extension: string]: JsonValue | undefined;
}

/** An event as the store holds it. */
export interface StoredEvent {
  /** Store-wide sequence number; orders events by arrival. */
  seq: number;
  bus: string;
  /** Epoch ms at which Reflex accepted the event. */
  receivedAt: number;
  /** Set when the bus validates in `warn` mode and the data did not fit its schema. */
  schemaError: string | null;
  event: CloudEvent;
}

/** The per-event answer of an ingest request. */
export interface IngestResult {
  id: string;
  status: "accepted" | "duplicate" | "rejected";
  /** Index in the request's batch, for batches. */
  index?: number;
  error?: string;
  /** Present when the bus validates in `warn` mode and the data did not fit. */
  warning?: string;
}
