// The one shape of a source adapter: a parsed request body in, one ingest item per event out.
// Adapters translate at the edge; past them, nothing knows which format an event came in.
import type { IngestItem } from "../ingest-item.js";

/** What an adapter knows besides the body. */
export interface AdapterContext {
  /** Current time (epoch ms), for events that carry none. */
  now: number;
}

/**
 * Turns a request body (parsed JSON) into ingest items. Throws a ValidationError when the body
 * as a whole is not in the adapter's format; refuses single events as items.
 */
export type Adapter = (body: unknown, ctx: AdapterContext) => IngestItem[] | Promise<IngestItem[]>;
