// The CloudEvents HTTP binding, receiving side: turns one HTTP request into events.
//
// - binary mode: a `ce-specversion` header is present; attributes come from `ce-*` headers,
//   the body is the data (see binary-mode.ts);
// - structured mode: `application/cloudevents+json`, the body is one event;
// - batch mode: `application/cloudevents-batch+json`, or any JSON array body;
// - otherwise a JSON object body is one plain envelope (whatever the Content-Type says, since
//   many webhook senders label JSON as text/plain or form data).
//
// A body that cannot be read at all (not JSON, wrong shape for its mode) throws one
// ValidationError naming line, column and byte; each event inside is then judged alone.
import { ValidationError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import { isBinaryMode, readBinaryEvent } from "./binary-mode.js";
import type { HeaderMap } from "./binary-mode.js";
import { envelopeItems, sizeChecked } from "./envelope-items.js";
import type { IngestItem } from "./ingest-item.js";
import { refusedItem } from "./ingest-item.js";
import { parseJsonBody } from "./json-body.js";
import { BATCH_TYPE, isJsonMediaType, mediaTypeEssence, STRUCTURED_TYPE } from "./media-type.js";

export type { IngestItem } from "./ingest-item.js";

/** An HTTP request as ingest sees it. */
export interface IngestRequest {
  contentType: string | undefined;
  headers: HeaderMap;
  body: Buffer;
  /** Largest event accepted, in bytes of its JSON. */
  maxEventBytes: number;
  /** Current time (epoch ms): `time` of events that have none. */
  now: number;
}

/** The events of one request. */
export interface ParsedIngest {
  /** True when the request was a batch (answer per index). */
  batch: boolean;
  items: IngestItem[];
}

/** Reads the events of a request in whichever mode it uses. */
export function parseIngestRequest(req: IngestRequest): ParsedIngest {
  const { maxEventBytes, now } = req;
  if (isBinaryMode(req.headers)) {
    try {
      return { batch: false, items: [sizeChecked(readBinaryEvent(req.headers, req.contentType, req.body, now), "", maxEventBytes)] };
    } catch (err) {
      const id = req.headers["ce-id"];
      return { batch: false, items: [refusedItem(err, "", { id: Array.isArray(id) ? id[0] : id })] };
    }
  }
  const essence = mediaTypeEssence(req.contentType);
  const declaredJson = essence === "" || isJsonMediaType(essence);
  const body = parseJsonBody(req.body, declaredJson ? "the body" : `the body (sent as ${essence}, read as JSON)`);
  if (essence === BATCH_TYPE && !Array.isArray(body)) {
    throw new ValidationError(`batch mode (${BATCH_TYPE}) takes a JSON array of events, got ${shape(body)}; send one event as ${STRUCTURED_TYPE}`, { pointer: "" });
  }
  if (essence === STRUCTURED_TYPE && Array.isArray(body)) {
    throw new ValidationError(`structured mode (${STRUCTURED_TYPE}) takes one event as a JSON object, got an array; send a list as ${BATCH_TYPE}`, { pointer: "" });
  }
  if (Array.isArray(body)) return { batch: true, items: envelopeItems(body, { now, batch: true, maxEventBytes }) };
  if (essence !== STRUCTURED_TYPE && (body === null || typeof body !== "object")) {
    throw new ValidationError(`the body must be a JSON object (one event) or a JSON array (a batch), got ${shape(body)}`, { pointer: "" });
  }
  return { batch: false, items: envelopeItems([body], { now, batch: false, maxEventBytes }) };
}

function shape(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
