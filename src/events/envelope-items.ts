// Turns parsed JSON envelopes into ingest items, one per envelope: each normalised on its own
// and checked against the per-event size limit, so a bad or oversize event is refused alone
// and named by its index while the rest of its batch goes on.
import type { CloudEvent } from "../core/event.js";
import type { IngestItem } from "./ingest-item.js";
import { refusedItem } from "./ingest-item.js";
import { normalizeEvent } from "./normalize.js";

/** Options of envelopeItems. */
export interface EnvelopeItemsOptions {
  now: number;
  /** True when the envelopes came as a JSON array: pointers then start with `/<index>`. */
  batch: boolean;
  /** Largest event accepted, in bytes of its JSON; no limit when absent. */
  maxEventBytes?: number;
}

/** Normalises each envelope; refused ones carry their pointer (`/3/source`) and reason. */
export function envelopeItems(envelopes: readonly unknown[], opts: EnvelopeItemsOptions): IngestItem[] {
  return envelopes.map((raw, index) => {
    const pointer = opts.batch ? `/${index}` : "";
    try {
      return sizeChecked(normalizeEvent(raw, { now: opts.now, pointer }), pointer, opts.maxEventBytes);
    } catch (err) {
      return refusedItem(err, pointer, raw);
    }
  });
}

/** The event as an accepted item, or refused when its JSON is larger than `maxEventBytes`. */
export function sizeChecked(event: CloudEvent, pointer: string, maxEventBytes: number | undefined): IngestItem {
  if (maxEventBytes === undefined) return { ok: true, event };
  const bytes = Buffer.byteLength(JSON.stringify(event), "utf8");
  if (bytes <= maxEventBytes) return { ok: true, event };
  return {
    ok: false,
    id: event.id,
    error: `the event is ${bytes} bytes as JSON, over the limit of ${maxEventBytes} bytes per event; send large payloads by reference (a URL in data) or raise the limit`,
    pointer,
  };
}
