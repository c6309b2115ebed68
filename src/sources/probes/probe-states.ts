// Probe state in the database, shared by every scheduler node. Nodes do not elect a prober:
// each due check is claimed with a conditional update (due, and not leased to another node),
// so exactly one node makes it, and every later write for that check names the claim's token,
// so a node that lost its lease (it stalled past it, another node took over) changes nothing.
// A decided change is written with its event (`pending_event`) in the same update, and cleared
// once the event is stored: a node that dies in between leaves it for the next claimer.
import type { Kysely, Selectable } from "kysely";
import type { Database, ProbeStatesTable } from "../../store/schema.js";
import type { ProbeCounts } from "./probe-thresholds.js";

/** A probe's row as stored. */
export type ProbeStateRow = Selectable<ProbeStatesTable>;

/** What one check leaves in the row. */
export interface RecordedCheck {
  counts: ProbeCounts;
  checkedMs: number;
  result: "success" | "failure" | "unavailable";
  reason: string | null;
  latencyMs: number | null;
  /** Set when the status changed. */
  changedMs?: number;
  nextDueMs: number;
  /** `{bus, event}` as JSON when the change is reported; the lease is then kept until it is stored. */
  pendingEvent: string | null;
}

/**
 * Makes sure every probe has a row (a new probe is due at once), and brings forward a probe
 * due later than one interval from now (its interval was shortened).
 */
export async function ensureProbeStates(db: Kysely<Database>, probes: readonly { name: string; intervalMs: number }[], now: number): Promise<void> {
  if (probes.length === 0) return;
  await db
    .insertInto("probe_states")
    .values(probes.map((p) => ({ name: p.name, status: "unknown", failures: 0, successes: 0, next_due_ms: now, updated_ms: now })))
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  for (const probe of probes) {
    await db.updateTable("probe_states").set({ next_due_ms: now }).where("name", "=", probe.name).where("next_due_ms", ">", now + probe.intervalMs).execute();
  }
}

/** Names among `names` whose check is due at `now` and not held by a node. */
export async function dueProbeNames(db: Kysely<Database>, names: readonly string[], now: number): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom("probe_states")
    .select("name")
    .where("name", "in", [...names])
    .where("next_due_ms", "<=", now)
    .where((eb) => eb.or([eb("lease_until_ms", "is", null), eb("lease_until_ms", "<=", now)]))
    .orderBy("next_due_ms")
    .execute();
  return rows.map((r) => r.name);
}

/** Claims the due check of `name` for `token` until `now + leaseMs`; the row, or undefined when another node has it. */
export async function claimProbe(db: Kysely<Database>, name: string, token: string, now: number, leaseMs: number): Promise<ProbeStateRow | undefined> {
  return db
    .updateTable("probe_states")
    .set({ lease_token: token, lease_until_ms: now + leaseMs })
    .where("name", "=", name)
    .where("next_due_ms", "<=", now)
    .where((eb) => eb.or([eb("lease_until_ms", "is", null), eb("lease_until_ms", "<=", now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Writes a check's outcome under the claim `token`; false when the claim was lost. Releases it unless an event is pending. */
export async function recordCheck(db: Kysely<Database>, name: string, token: string, check: RecordedCheck): Promise<boolean> {
  const release = check.pendingEvent === null;
  const result = await db
    .updateTable("probe_states")
    .set({
      status: check.counts.status,
      failures: check.counts.failures,
      successes: check.counts.successes,
      last_check_ms: check.checkedMs,
      last_result: check.result,
      last_reason: check.reason,
      last_latency_ms: check.latencyMs,
      ...(check.changedMs === undefined ? {} : { last_change_ms: check.changedMs }),
      next_due_ms: check.nextDueMs,
      pending_event: check.pendingEvent,
      updated_ms: check.checkedMs,
      ...(release ? { lease_token: null, lease_until_ms: null } : {}),
    })
    .where("name", "=", name)
    .where("lease_token", "=", token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Drops the pending event (it is stored) under the claim `token`; false when the claim was lost. */
export async function clearPendingEvent(db: Kysely<Database>, name: string, token: string): Promise<boolean> {
  const result = await db.updateTable("probe_states").set({ pending_event: null }).where("name", "=", name).where("lease_token", "=", token).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Gives up the claim `token` (the check is not due again before `next_due_ms`), dropping the
 * pending event when `eventStored` (else the next claimer emits it).
 */
export async function releaseProbe(db: Kysely<Database>, name: string, token: string, eventStored = false): Promise<void> {
  await db
    .updateTable("probe_states")
    .set({ lease_token: null, lease_until_ms: null, ...(eventStored ? { pending_event: null } : {}) })
    .where("name", "=", name)
    .where("lease_token", "=", token)
    .execute();
}

/** The rows of `names` (all probes when absent), by name. */
export async function readProbeStates(db: Kysely<Database>, names?: readonly string[]): Promise<ProbeStateRow[]> {
  if (names !== undefined && names.length === 0) return [];
  let query = db.selectFrom("probe_states").selectAll().orderBy("name");
  if (names !== undefined) query = query.where("name", "in", [...names]);
  return query.execute();
}
