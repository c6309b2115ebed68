// A benchmark that loses data is wrong: after each load run, the events it sent are read back
// from the store by their id prefix and compared with the acknowledged ones. Every event
// acknowledged with a 202 must be stored; events stored without an acknowledgement are the
// ones still in flight when the load generator stopped (committed, answer never awaited).
import type { Store } from "../src/store/open-store.js";

/** The outcome of comparing acknowledged and stored events. */
export interface StoredCheck {
  acked: number;
  stored: number;
  /** Acknowledged but not stored: must be 0. */
  lost: number;
  /** Stored without a 202 seen by the load generator. */
  unacked: number;
}

/** Waits until the server has committed what it was handling, then compares. */
export async function checkStored(store: Store, idPrefix: string, ackedIds: readonly string[], settleMs = 10_000): Promise<StoredCheck> {
  const stored = await settledIds(store, idPrefix, settleMs);
  let lost = 0;
  for (const id of ackedIds) if (!stored.has(id)) lost += 1;
  return { acked: ackedIds.length, stored: stored.size, lost, unacked: stored.size - (ackedIds.length - lost) };
}

/** Ids stored under the prefix, read until two reads 100 ms apart agree (or the deadline). */
async function settledIds(store: Store, idPrefix: string, settleMs: number): Promise<Set<string>> {
  const deadline = Date.now() + settleMs;
  let previous = await storedIds(store, idPrefix);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await storedIds(store, idPrefix);
    if (current.size === previous.size || Date.now() > deadline) return current;
    previous = current;
  }
}

async function storedIds(store: Store, idPrefix: string): Promise<Set<string>> {
  const rows = await store.db.selectFrom("events").select("id").where("bus", "=", "default").where("id", "like", `${idPrefix}%`).execute();
  return new Set(rows.map((r) => r.id));
}
