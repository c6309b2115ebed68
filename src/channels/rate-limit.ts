// A channel's `rateLimit` (at most `rate` messages per `per`), shared by everything that sends
// through the channel. A rule's notify deliveries are each given the earliest time at which
// sending keeps every window of `per` within `rate` messages, and their jobs are scheduled
// then, so a burst is spread out instead of being refused by the chat service and nothing
// waits in memory. A send made at once (the `core.notify` action) takes the next slot too, and
// waits for it only when it is near. The state is the send times of the last `rate` messages,
// in the store per channel, so every node and every path counts against the same limit.
import type { Kysely } from "kysely";
import type { JsonValue } from "../core/json.js";
import { lockState, saveState } from "../store/rule-state-repository.js";
import type { Database } from "../store/schema.js";

/** A channel's limit. */
export interface RateLimit {
  rate: number;
  perMs: number;
}

/** When the next message may be sent, and the send log to keep. */
export function nextSlot(stored: JsonValue, limit: RateLimit, now: number): { sendAt: number; log: number[] } {
  const log = Array.isArray(stored) ? stored.filter((t): t is number => typeof t === "number").slice(-limit.rate) : [];
  const oldest = log.length < limit.rate ? undefined : log[0];
  const sendAt = Math.max(now, oldest === undefined ? now : oldest + limit.perMs, log[log.length - 1] ?? now);
  return { sendAt, log: [...log, sendAt].slice(-limit.rate) };
}

/** Where a channel's send log is kept. */
function stateKey(channel: string) {
  return { rule: "", kind: "channel-rate", key: channel };
}

/** Reserves the next send time of `channel` inside the caller's write transaction; `rowLocks`: lock the row (PostgreSQL). */
export async function reserveChannelSlot(db: Kysely<Database>, rowLocks: boolean, channel: string, limit: RateLimit, now: number): Promise<number> {
  const { sendAt, log } = nextSlot(await lockState(db, stateKey(channel), now, rowLocks), limit, now);
  await saveState(db, stateKey(channel), log, now, sendAt + limit.perMs);
  return sendAt;
}

/**
 * Like `reserveChannelSlot`, but only when the slot comes within `maxWaitMs`: returns the
 * reserved time, or `{refusedUntil}` (the slot, not reserved) when it would come later.
 */
export async function takeChannelSlot(db: Kysely<Database>, rowLocks: boolean, channel: string, limit: RateLimit, now: number, maxWaitMs: number): Promise<{ sendAt: number } | { refusedUntil: number }> {
  const { sendAt, log } = nextSlot(await lockState(db, stateKey(channel), now, rowLocks), limit, now);
  if (sendAt - now > maxWaitMs) return { refusedUntil: sendAt };
  await saveState(db, stateKey(channel), log, now, sendAt + limit.perMs);
  return { sendAt };
}
