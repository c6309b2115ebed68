// The rules engine's records do not grow without end: gate state that no longer means anything
// (a full bucket, an ended dedupe window) is deleted as soon as it expires, and match records
// and finished deliveries with their attempts after a retention period (30 days by default,
// as long as the queue keeps dead jobs). Pending deliveries are never deleted.
import type { Kysely } from "kysely";
import { pruneFinishedDeliveries } from "../store/delivery-repository.js";
import { pruneMatches } from "../store/rule-match-repository.js";
import { pruneExpiredState } from "../store/rule-state-repository.js";
import type { Database } from "../store/schema.js";

/** How long match records and finished deliveries are kept. */
export const RULE_HISTORY_RETENTION_MS = 30 * 86_400_000;

/** Deletes expired gate state and old history; returns how many rows went. */
export async function pruneRuleHistory(db: Kysely<Database>, now: number, retentionMs = RULE_HISTORY_RETENTION_MS): Promise<number> {
  const state = await pruneExpiredState(db, now);
  const matches = await pruneMatches(db, now - retentionMs);
  let deliveries = 0;
  for (let batch = await pruneFinishedDeliveries(db, now - retentionMs); batch > 0; batch = await pruneFinishedDeliveries(db, now - retentionMs)) deliveries += batch;
  return state + matches + deliveries;
}
