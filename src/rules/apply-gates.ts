// Passes one match through its rule's gates inside the caller's write transaction: dedupe,
// then throttle, then group (a duplicate uses no throttle token; a throttled event joins no
// group). Each gate reads its (rule, kind, key) state row locked, decides with the pure steps
// of `gates.ts`, and writes it back. A group's first event schedules the group's flush at the
// end of its wait; the event that fills it schedules the flush at once.
import type { Kysely } from "kysely";
import { newId } from "../core/ids.js";
import type { JsonValue } from "../core/json.js";
import { dropState, lockState, saveState } from "../store/rule-state-repository.js";
import type { Database } from "../store/schema.js";
import { addJob } from "./add-job.js";
import type { CompiledRule } from "./compiled-rule.js";
import { dedupeStep, groupStep, throttleStep } from "./gates.js";
import { FLUSH_GROUP_JOB, RULES_QUEUE } from "./job-kinds.js";
import { flushKey } from "./job-keys.js";

/** The rendered keys of a rule's gates. */
export interface GateKeys {
  dedupe?: string;
  throttle?: string;
  group?: string;
}

/** Whether the match goes on to its deliveries, and if not, why and under which key. */
export type GateResult =
  | { status: "pass" }
  | { status: "deduplicated" | "throttled"; key: string; groupId?: undefined }
  | { status: "grouped"; key: string; groupId: string };

/** Payload of a `rules.flush-group` job. */
export interface FlushPayload {
  rule: string;
  key: string;
  groupId: string;
  [field: string]: JsonValue;
}

/** Attempts a closed group's flush gets before it is dead-lettered. */
const FLUSH_ATTEMPTS = 10;

/** Applies the gates `rule` has, in order; `rowLocks`: lock state rows (PostgreSQL). */
export async function passGates(db: Kysely<Database>, rowLocks: boolean, rule: CompiledRule, keys: GateKeys, now: number): Promise<GateResult> {
  const { spec } = rule;
  if (spec.dedupe && keys.dedupe !== undefined) {
    const at = { rule: spec.name, kind: "dedupe", key: keys.dedupe };
    const step = dedupeStep(await lockState(db, at, now, rowLocks), spec.dedupe, now);
    await saveState(db, at, { ...step.state }, now, step.expiresMs);
    if (!step.pass) return { status: "deduplicated", key: keys.dedupe };
  }
  if (spec.throttle && keys.throttle !== undefined) {
    const at = { rule: spec.name, kind: "throttle", key: keys.throttle };
    const step = throttleStep(await lockState(db, at, now, rowLocks), spec.throttle, now);
    await saveState(db, at, { ...step.state }, now, step.expiresMs);
    if (!step.pass) return { status: "throttled", key: keys.throttle };
  }
  if (spec.group && keys.group !== undefined) {
    const at = { rule: spec.name, kind: "group", key: keys.group };
    const join = groupStep(await lockState(db, at, now, rowLocks), spec.group, now, newId(now));
    if (join.state) await saveState(db, at, { ...join.state }, now, null);
    else await dropState(db, at);
    const payload: FlushPayload = { rule: spec.name, key: keys.group, groupId: join.groupId };
    const flush = { kind: FLUSH_GROUP_JOB, queue: RULES_QUEUE, payload, maxAttempts: FLUSH_ATTEMPTS };
    if (join.full) await addJob(db, { ...flush, idempotencyKey: flushKey(join.groupId, "full") }, now);
    else if (join.opened) await addJob(db, { ...flush, idempotencyKey: flushKey(join.groupId, "wait"), runAt: now + spec.group.waitMs }, now);
    return { status: "grouped", key: keys.group, groupId: join.groupId };
  }
  return { status: "pass" };
}
