// One entry point for "send the fleet's events there": an http(s) URL is a Reflex (its ingest
// endpoints, event-forwarder.ts), a nats://, tls://, mqtt://, mqtts://, ws:// or wss:// URL a
// broker (broker-forwarder.ts). Used by the simulator server's `forwardTo` and `reflex sim
// --forward-to`.
import { ValidationError } from "../core/errors.js";
import { forwardEventsToBroker, isBrokerUrl } from "./broker-forwarder.js";
import { forwardEvents } from "./event-forwarder.js";
import type { EventForwarder, ForwardError } from "./event-forwarder.js";
import type { SimFleetApi } from "./types.js";

/** Where to send the events. */
export interface ForwardTarget {
  /** A Reflex (`http://127.0.0.1:7420`) or a broker (`nats://127.0.0.1:4222`, `mqtt://…`). */
  url: string;
  /** Bearer token for a Reflex; a NATS token for a NATS server. */
  token?: string;
  /** Subject or topic prefix on a broker (default `sim`); ignored for a Reflex. */
  prefix?: string;
}

/** Starts forwarding to `target`, choosing by its URL scheme. Throws a ValidationError for any other scheme. */
export function forwardEventsTo(fleet: SimFleetApi, target: ForwardTarget, onError?: (error: ForwardError) => void): EventForwarder {
  const report = onError === undefined ? {} : { onError };
  if (isBrokerUrl(target.url)) {
    return forwardEventsToBroker(fleet, { url: target.url, ...(target.token === undefined ? {} : { token: target.token }), ...(target.prefix === undefined ? {} : { prefix: target.prefix }), ...report });
  }
  if (/^https?:\/\/[^/]/.test(target.url)) return forwardEvents(fleet, { url: target.url, ...(target.token === undefined ? {} : { token: target.token }), ...report });
  throw new ValidationError(`forward to: '${target.url}' is neither a Reflex (http:// or https://) nor a broker (nats://, tls://, mqtt://, mqtts://, ws://, wss://)`, { pointer: "/forwardTo/url" });
}
