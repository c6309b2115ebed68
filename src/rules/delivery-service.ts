// Deliveries through the API: list them (dead letters are `status=dead`), read one with every
// attempt, and re-drive a dead one: it gets a fresh cycle of attempts (its target's attempts
// and maxAge count again from now) under a new job. A delivery whose templates failed to render
// is rendered again with the rule as it is now, so fixing the rule and re-driving is the way
// out; if it still fails, the answer says where.
import type { BrokerSourceSpec, ChannelSpec } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import { findEventsBySeq } from "../store/event-repository.js";
import { attemptsOf, getDelivery, listDeliveries, updateDelivery } from "../store/delivery-repository.js";
import type { DeliveryRow } from "../store/delivery-repository.js";
import type { Store } from "../store/open-store.js";
import { addJob } from "./add-job.js";
import { deliverJob } from "./create-deliveries.js";
import { renderTargets } from "./render-targets.js";
import type { RuleRegistry } from "./rule-registry.js";
import { attemptView, deliveryView } from "./views.js";

/** The states a delivery can be in; compared as a set. */
export const DELIVERY_STATUSES = ["pending", "delivered", "dead"] as const;

/** What a delivery listing may ask for. */
export interface DeliveryQuery {
  status?: string;
  rule?: string;
  limit: number;
  cursor?: string;
}

/** What the delivery service works with. */
export interface DeliveryServiceDeps {
  store: Store;
  clock: Clock;
  registry: RuleRegistry;
  channels(): ReadonlyMap<string, ChannelSpec>;
  brokerSources(): ReadonlyMap<string, BrokerSourceSpec>;
  /** Called after a re-drive queued a job (e.g. to wake the local worker). */
  queued(): void;
}

export class DeliveryService {
  constructor(private readonly deps: DeliveryServiceDeps) {}

  /** Deliveries newest first, with the cursor of the next page (null at the end). */
  async list(query: DeliveryQuery): Promise<{ items: JsonObject[]; nextCursor: string | null }> {
    const rows = await listDeliveries(this.deps.store.db, { status: query.status, rule: query.rule, beforeId: query.cursor === undefined ? undefined : decodeCursor(query.cursor) }, query.limit);
    const last = rows[rows.length - 1];
    return { items: rows.map(deliveryView), nextCursor: rows.length === query.limit && last ? encodeCursor(last.id) : null };
  }

  /** One delivery with its attempts. */
  async get(id: string): Promise<JsonObject> {
    const row = await this.mustGet(id);
    return { ...deliveryView(row), attempts: (await attemptsOf(this.deps.store.db, id)).map(attemptView) };
  }

  /** Gives a dead delivery a fresh cycle of attempts. */
  async retry(id: string): Promise<JsonObject> {
    const row = await this.mustGet(id);
    if (row.status !== "dead") throw new ConflictError(`delivery '${id}' is ${row.status}; only dead deliveries can be retried`);
    const request = row.request ?? (await this.renderAgain(row));
    const now = this.deps.clock.now();
    const redrives = Number(row.redrives) + 1;
    await this.deps.store.db.transaction().execute(async (trx) => {
      const jobId = await addJob(trx, deliverJob(id, redrives, { attempts: Number(row.max_attempts), backoffMs: Number(row.backoff_ms), maxBackoffMs: Number(row.max_backoff_ms) }), now);
      const changed = await updateDelivery(
        trx,
        id,
        { status: "pending", request, error_pointer: null, redrives, job_id: jobId, cycle_started_ms: now, updated_ms: now, finished_ms: null },
        "dead",
      );
      if (!changed) throw new ConflictError(`delivery '${id}' changed while it was being retried; look at it again`);
    });
    this.deps.queued();
    return deliveryView(await this.mustGet(id));
  }

  /** Renders a delivery whose templates failed, with its rule as it is now. */
  private async renderAgain(row: DeliveryRow): Promise<string> {
    const rule = this.deps.registry.get(row.rule);
    const target = rule?.targets.find((t) => t.spec.name === row.target);
    if (!rule || !target) throw new ConflictError(`delivery '${row.id}' cannot be rendered again: rule '${row.rule}' has no target '${row.target}' any more`);
    const events = await findEventsBySeq(this.deps.store.db, JSON.parse(row.event_seqs) as number[]);
    if (events.length === 0) throw new ConflictError(`delivery '${row.id}' cannot be rendered again: its event is no longer stored`);
    const [plan] = await renderTargets({ ...rule, targets: [target] }, { events: events.map((e) => e.event), group: row.group_id !== null, now: this.deps.clock.now(), channels: this.deps.channels(), brokerSources: this.deps.brokerSources() });
    if (!plan?.request) {
      const error = plan && !plan.request ? plan.error : "no plan";
      throw new ConflictError(`delivery '${row.id}' still cannot be rendered: ${error}; fix rule '${row.rule}' and retry`);
    }
    return JSON.stringify(plan.request);
  }

  private async mustGet(id: string): Promise<DeliveryRow> {
    const row = await getDelivery(this.deps.store.db, id);
    if (!row) throw new NotFoundError("delivery", id);
    return row;
  }
}

function encodeCursor(id: string): string {
  return Buffer.from(`d:${id}`).toString("base64url");
}

function decodeCursor(cursor: string): string {
  const match = /^d:(.+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1]) throw new ValidationError("the cursor is not one this server issued; start again without it", { pointer: "/cursor" });
  return match[1];
}
