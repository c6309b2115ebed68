// A channel's `rateLimit` (at most `rate` messages per `per`), applied when notify deliveries
// are created: each message is given the earliest time at which sending it keeps every window
// of `per` within `rate` messages, and its delivery job is scheduled then. So a burst through a
// chat channel is spread out instead of being refused by the chat service, and nothing waits
// in memory. The state is the send times of the last `rate` messages, in the store per channel.
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

/** Reserves the next send time of `channel` inside the caller's write transaction. */
export async function reserveChannelSlot(db: Kysely<Database>, rowLocks: boolean, channel: string, limit: RateLimit, now: number): Promise<number> {
  const at = { rule: "", kind: "channel-rate", key: channel };
  const { sendAt, log } = nextSlot(await lockState(db, at, now, rowLocks), limit, now);
  await saveState(db, at, log, now, sendAt + limit.perMs);
  return sendAt;
}
