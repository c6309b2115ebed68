// Idempotency keys of the rules engine. Every record it makes is keyed by what caused it, so
// that a job which runs again (after a crash, or on two nodes at once) creates nothing twice:
// one dispatch per stored event, one match record per (event, rule), one delivery per
// (event, rule, target), each within a replay when replayed.
//
// Keys are `:`-separated; `%` and `:` inside a part are escaped, so two different events never
// share a key even when their sources or ids hold colons (`urn:x` / `1` vs `urn` / `x:1`).

/** An event as the rules engine refers to it: where it is stored and by which ids. */
export interface EventRef {
  bus: string;
  source: string;
  id: string;
}

function part(text: string): string {
  return text.replace(/%/g, "%25").replace(/:/g, "%3A");
}

function eventPart(event: EventRef): string {
  return `${part(event.bus)}:${part(event.source)}:${part(event.id)}`;
}

/** The dispatch job of a stored event (`dispatch:<bus>:<source>:<id>`) or of its replay. */
export function dispatchKey(event: EventRef, replayId: string | null): string {
  return replayId === null ? `dispatch:${eventPart(event)}` : `replay:${part(replayId)}:${eventPart(event)}`;
}

/** The record of one rule's match of one (possibly replayed) event. */
export function matchKey(event: EventRef, rule: string, replayId: string | null): string {
  return `match:${part(rule)}:${dispatchKey(event, replayId)}`;
}

/** One target's delivery of a match (`of` = its match key) or of a group (`of` = `group:<id>`). */
export function deliveryKey(of: string, target: string): string {
  return `${of}:target:${part(target)}`;
}

/** What a group's deliveries are keyed by. */
export function groupOf(groupId: string): string {
  return `group:${part(groupId)}`;
}

/** The flush job of a group: when its wait ends, or (`full`) when it reached its size. */
export function flushKey(groupId: string, reason: "wait" | "full"): string {
  return `flush:${part(groupId)}:${reason}`;
}

/** The job running one cycle of a delivery's attempts (`redrives` = 0 for the first). */
export function deliverKey(deliveryId: string, redrives: number): string {
  return redrives === 0 ? `deliver:${deliveryId}` : `deliver:${deliveryId}:redrive:${redrives}`;
}
