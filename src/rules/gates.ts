// The decisions a rule makes before it delivers, as pure functions of the stored state, the
// rule's spec and the time: dedupe (the first event of a key passes, the same key again within
// the window is dropped), throttle (a token bucket per key: `rate` tokens per `per`, at most
// `burst` saved up; an event without a token is dropped) and group (the first event of a key
// opens a group, later ones join it until it is full or its wait ends). The transactions that
// read and write the state are in `apply-gates.ts`.
import type { DedupeSpec, GroupSpec, ThrottleSpec } from "../config/types.js";
import type { JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";

/** A gate's decision and the state to store; `expiresMs`: when the state no longer matters. */
export interface GateStep<S> {
  pass: boolean;
  state: S;
  expiresMs: number;
}

/** Tolerance for float rounding in token counts (1/3 + 1/3 + 1/3 must make a token). */
const EPSILON = 1e-9;

/** A throttle bucket: tokens held at `atMs`. */
export interface Bucket {
  tokens: number;
  atMs: number;
}

/** Takes a token from the bucket, refilled for the time since it was last touched. */
export function throttleStep(stored: JsonValue, spec: ThrottleSpec, now: number): GateStep<Bucket> {
  const previous = isJsonObject(stored) && typeof stored.tokens === "number" && typeof stored.atMs === "number" ? { tokens: stored.tokens, atMs: stored.atMs } : null;
  const refill = previous === null ? spec.burst : (Math.max(0, now - previous.atMs) * spec.rate) / spec.perMs;
  let tokens = Math.min(spec.burst, (previous?.tokens ?? 0) + refill);
  const pass = tokens >= 1 - EPSILON;
  if (pass) tokens = Math.max(0, tokens - 1);
  // Once full again, the bucket is the same as no bucket: the row may go.
  const expiresMs = now + Math.ceil(((spec.burst - tokens) * spec.perMs) / spec.rate);
  return { pass, state: { tokens, atMs: now }, expiresMs };
}

/** A dedupe window: the key is dropped until `untilMs`. */
export interface Window {
  untilMs: number;
}

/** Passes the first event of a window and opens the window; drops the others until it ends. */
export function dedupeStep(stored: JsonValue, spec: DedupeSpec, now: number): GateStep<Window> {
  if (isJsonObject(stored) && typeof stored.untilMs === "number" && now < stored.untilMs) {
    return { pass: false, state: { untilMs: stored.untilMs }, expiresMs: stored.untilMs };
  }
  const untilMs = now + spec.withinMs;
  return { pass: true, state: { untilMs }, expiresMs: untilMs };
}

/** An open group of a key. */
export interface OpenGroup {
  id: string;
  openedMs: number;
  count: number;
}

/** What joining a group did. */
export interface GroupJoin {
  groupId: string;
  /** This event opened the group: its wait starts now. */
  opened: boolean;
  /** The group reached its size with this event: deliver it now. */
  full: boolean;
  /** The group to keep open, or null when it is closed (full). */
  state: OpenGroup | null;
}

/**
 * A group whose wait ended this long ago and is still open was not flushed (its flush job is
 * late or failed); new events then open a new group instead of joining it forever.
 */
export const STALE_GROUP_GRACE_MS = 10 * 60_000;

/** Adds an event to the open group of its key, or opens one with `newId`. */
export function groupStep(stored: JsonValue, spec: GroupSpec, now: number, newId: string): GroupJoin {
  const open =
    isJsonObject(stored) &&
    typeof stored.id === "string" &&
    typeof stored.openedMs === "number" &&
    typeof stored.count === "number" &&
    now <= stored.openedMs + spec.waitMs + STALE_GROUP_GRACE_MS
      ? { id: stored.id, openedMs: stored.openedMs, count: stored.count }
      : null;
  const group = open === null ? { id: newId, openedMs: now, count: 1 } : { ...open, count: open.count + 1 };
  const full = group.count >= spec.max;
  return { groupId: group.id, opened: open === null, full, state: full ? null : group };
}
