// Creates the deliveries of one match (or of one closed group): one row per target plus the
// job that makes its attempts, in the caller's transaction. Rows are keyed per (event or group,
// rule, target, replay), so a dispatch or flush that runs again creates nothing twice. A target
// whose templates failed is recorded as a dead delivery with the pointer and error, and gets no
// job: retrying would fail the same way. A notify delivery through a rate-limited channel is
// scheduled at the channel's next free slot.
import type { Kysely } from "kysely";
import { reserveChannelSlot } from "../channels/index.js";
import type { StoredEvent } from "../core/event.js";
import { newId } from "../core/ids.js";
import { insertDelivery } from "../store/delivery-repository.js";
import type { Database } from "../store/schema.js";
import { addJob } from "./add-job.js";
import { DELIVER_JOB, RULES_QUEUE } from "./job-kinds.js";
import { deliverKey, deliveryKey } from "./job-keys.js";
import type { DeliveryPlan } from "./render-targets.js";

/** What the deliveries are of. */
export interface DeliverySubject {
  rule: string;
  /** The match key, or `groupOf(groupId)`: the deliveries' keys start with it. */
  keyBase: string;
  /** The (first) event delivered. */
  event: StoredEvent;
  /** Every event delivered, in order (one, or a group's). */
  eventSeqs: readonly number[];
  replayId: string | null;
  groupId: string | null;
}

/** A delivery this call created. */
export interface CreatedDelivery {
  id: string;
  type: string;
  status: "pending" | "dead";
}

/** Creates the deliveries of `plans` that do not exist yet; `rowLocks`: lock state rows (PostgreSQL). */
export async function createDeliveries(db: Kysely<Database>, rowLocks: boolean, plans: readonly DeliveryPlan[], subject: DeliverySubject, now: number): Promise<CreatedDelivery[]> {
  const created: CreatedDelivery[] = [];
  for (const plan of plans) {
    const id = newId(now);
    const { retry, name, type } = plan.target.spec;
    const inserted = await insertDelivery(db, {
      id,
      idempotency_key: deliveryKey(subject.keyBase, name),
      rule: subject.rule,
      target: name,
      type,
      status: plan.request ? "pending" : "dead",
      bus: subject.event.bus,
      source: subject.event.event.source,
      event_id: subject.event.event.id,
      event_seq: subject.event.seq,
      event_seqs: JSON.stringify(subject.eventSeqs),
      replay_id: subject.replayId,
      group_id: subject.groupId,
      request: plan.request ? JSON.stringify(plan.request) : null,
      last_error: plan.request ? null : plan.error,
      error_pointer: plan.request ? null : plan.pointer,
      http_status: null,
      attempts: 0,
      redrives: 0,
      max_attempts: retry.attempts,
      backoff_ms: retry.backoffMs,
      max_backoff_ms: retry.maxBackoffMs,
      max_age_ms: retry.maxAgeMs,
      job_id: null,
      cycle_started_ms: now,
      created_ms: now,
      updated_ms: now,
      finished_ms: plan.request ? null : now,
    });
    if (!inserted) continue;
    if (plan.request) {
      const { request } = plan;
      const runAt = request.type === "notify" && request.rateLimit ? await reserveChannelSlot(db, rowLocks, request.channel, request.rateLimit, now) : now;
      const jobId = await addJob(db, { ...deliverJob(id, 0, retry), runAt }, now);
      await db.updateTable("deliveries").set({ job_id: jobId }).where("id", "=", id).execute();
    }
    created.push({ id, type, status: plan.request ? "pending" : "dead" });
  }
  return created;
}

/** The job running one cycle of a delivery's attempts, with the target's retry policy. */
export function deliverJob(deliveryId: string, redrives: number, retry: { attempts: number; backoffMs: number; maxBackoffMs: number }) {
  return {
    kind: DELIVER_JOB,
    queue: RULES_QUEUE,
    payload: { deliveryId },
    idempotencyKey: deliverKey(deliveryId, redrives),
    maxAttempts: retry.attempts,
    backoffMs: retry.backoffMs,
    backoffMaxMs: retry.maxBackoffMs,
  };
}
