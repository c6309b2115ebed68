// What every way in (HTTP modes, source adapters) hands to ingest: per incoming event, either a
// normalised CloudEvent or the reason it was refused and where (a JSON pointer into the
// request), so that one bad event in a batch never sinks the good ones.
import { ReflexError } from "../core/errors.js";
import type { CloudEvent } from "../core/event.js";

/** One incoming event: normalised, or refused with a reason. */
export type IngestItem =
  | { ok: true; event: CloudEvent }
  | {
      ok: false;
      /** The event's id, when it had a readable one. */
      id?: string;
      /** Why it was refused, in words a sender can act on (the pointer is not repeated here). */
      error: string;
      /** Where in the request, e.g. `/3/source` for the fourth event of a batch. */
      pointer: string;
    };

/**
 * Turns an error thrown while reading one event into a refused item. Reflex errors keep their
 * own pointer (falling back to `pointer`); anything else is a bug and is rethrown.
 */
export function refusedItem(err: unknown, pointer: string, raw?: unknown): IngestItem {
  if (!(err instanceof ReflexError)) throw err;
  const id = readableId(raw);
  return { ok: false, ...(id === undefined ? {} : { id }), error: err.message, pointer: err.location?.pointer ?? pointer };
}

/** The `id` of a raw event when it is a non-empty string. */
function readableId(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || !("id" in raw)) return undefined;
  const id = raw.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}
