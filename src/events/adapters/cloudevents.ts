// The `cloudevents` adapter: a JSON body that is one CloudEvent (structured JSON form) or an
// array of them, each normalised as it is.
import { normalizeEvent } from "../normalize.js";
import type { Adapter } from "./adapter.js";
import { perEvent } from "./per-event.js";

/** CloudEvents in JSON form, one or many. */
export const cloudEventsAdapter: Adapter = (body, ctx) => perEvent(body, "CloudEvents", (raw, pointer) => normalizeEvent(raw, { now: ctx.now, pointer }));
