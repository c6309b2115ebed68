// What the rules made of the console benchmark's events: the seed scenarios' rules (examples/)
// are compiled with Reflex's pattern compiler and run over every stored event, as dispatch
// would. A match within its rule's throttle or dedupe window of the previous match of the same
// subject is recorded as throttled (deduplicated); any other match gets one delivery per
// target, with its attempts: most delivered at the first attempt, some after a retry, about
// 2 % dead after every attempt failed (the dead letters), and those of the last minutes still
// pending. Rows are built here and inserted by console-seed.ts in the real schema.
import type { Insertable } from "kysely";
import type { ReflexConfig, RuleSpec, TargetSpec } from "../src/config/types.js";
import type { CloudEvent } from "../src/core/event.js";
import { newId } from "../src/core/ids.js";
import type { JsonObject } from "../src/core/json.js";
import { compilePattern } from "../src/patterns/index.js";
import type { DeliveryRequest } from "../src/rules/delivery-request.js";
import type { DeliveriesTable, DeliveryAttemptsTable, RuleMatchesTable } from "../src/store/schema.js";
import { seededRandom } from "./console-events.js";

/** A stored event as lineage needs it. */
export interface StoredSeed {
  seq: number;
  event: CloudEvent;
  timeMs: number;
  receivedMs: number;
}

/** A delivered workflow delivery: the execution it started is seeded by console-runs.ts. */
export interface WorkflowStart {
  deliveryId: string;
  workflow: string;
  event: StoredSeed;
  /** When the delivery's attempt started the execution. */
  startedMs: number;
}

/** Every row of the lineage. */
export interface LineageRows {
  matches: Insertable<RuleMatchesTable>[];
  deliveries: Insertable<DeliveriesTable>[];
  attempts: Insertable<DeliveryAttemptsTable>[];
  workflowStarts: WorkflowStart[];
}

const MAX_ATTEMPTS = 5;
/** Deliveries younger than this at seeding time are still pending. */
const PENDING_MS = 10 * 60_000;

/** Runs the config's rules over `events` (oldest first) and builds the lineage rows. */
export function buildLineage(config: ReflexConfig, events: readonly StoredSeed[], now: number, seed = 11): LineageRows {
  const random = seededRandom(seed);
  const rules = [...config.rules.values()].filter((r) => r.enabled).map((rule) => ({ rule, pattern: compilePattern(rule.pattern, { dialect: rule.patternDialect }), last: new Map<string, number>() }));
  const rows: LineageRows = { matches: [], deliveries: [], attempts: [], workflowStarts: [] };
  for (const stored of events) {
    for (const { rule, pattern, last } of rules) {
      if (rule.bus !== "default" || !pattern.matches(stored.event)) continue;
      const at = stored.receivedMs + 5 + Math.floor(random() * 40);
      const key = stored.event.subject ?? "";
      const windowMs = rule.throttle ? rule.throttle.perMs / rule.throttle.rate : rule.dedupe ? rule.dedupe.withinMs : 0;
      const previous = last.get(key);
      const held = previous !== undefined && stored.timeMs - previous < windowMs;
      if (!held) last.set(key, stored.timeMs);
      const status = held ? (rule.throttle ? "throttled" : "deduplicated") : "delivered";
      rows.matches.push({
        id: newId(at),
        match_key: `${stored.seq}:${rule.name}`,
        bus: "default",
        source: stored.event.source,
        event_id: stored.event.id,
        event_seq: stored.seq,
        rule: rule.name,
        status,
        key: held ? key : null,
        replay_id: null,
        group_id: null,
        error: null,
        error_pointer: null,
        created_ms: at,
      });
      if (held) continue;
      for (const target of rule.targets) addDelivery(rows, config, rule, target, stored, at, now, random);
    }
  }
  return rows;
}

function addDelivery(rows: LineageRows, config: ReflexConfig, rule: RuleSpec, target: TargetSpec, stored: StoredSeed, at: number, now: number, random: () => number): void {
  const id = newId(at);
  const roll = random();
  const status = now - at < PENDING_MS ? "pending" : roll < 0.02 ? "dead" : "delivered";
  const failedFirst = status === "delivered" && roll < 0.1;
  const attempts = status === "dead" ? MAX_ATTEMPTS : status === "pending" ? 0 : failedFirst ? 2 : 1;
  let t = at + 10;
  for (let a = 1; a <= attempts; a++) {
    const failed = status === "dead" || (failedFirst && a === 1);
    const duration = failed ? 3_000 + Math.floor(random() * 7_000) : 40 + Math.floor(random() * 400);
    rows.attempts.push({
      id: newId(t),
      delivery_id: id,
      attempt: a,
      started_ms: t,
      duration_ms: duration,
      outcome: failed ? "failed" : "delivered",
      http_status: failed ? (random() < 0.5 ? 502 : null) : 200,
      response: failed ? null : '{"errcode":0,"errmsg":"ok"}',
      error: failed ? "connect ECONNREFUSED 10.20.0.15:443 (the chat robot's endpoint did not answer)" : null,
    });
    t += duration + (failed ? 2_000 * 2 ** a : 0);
  }
  const finished = status === "pending" ? null : t;
  rows.deliveries.push({
    id,
    idempotency_key: `${stored.seq}:${rule.name}:${target.name}`,
    rule: rule.name,
    target: target.name,
    type: target.type,
    status,
    bus: "default",
    source: stored.event.source,
    event_id: stored.event.id,
    event_seq: stored.seq,
    event_seqs: JSON.stringify([stored.seq]),
    replay_id: null,
    group_id: null,
    request: JSON.stringify(requestOf(config, rule, target, stored.event)),
    last_error: status === "dead" ? "connect ECONNREFUSED 10.20.0.15:443 (the chat robot's endpoint did not answer)" : null,
    error_pointer: null,
    http_status: status === "delivered" ? 200 : status === "dead" ? 502 : null,
    attempts,
    redrives: 0,
    max_attempts: MAX_ATTEMPTS,
    backoff_ms: 2_000,
    max_backoff_ms: 60_000,
    max_age_ms: 86_400_000,
    job_id: null,
    cycle_started_ms: at,
    created_ms: at,
    updated_ms: finished ?? at,
    finished_ms: finished,
  });
  if (target.type === "workflow" && status === "delivered") rows.workflowStarts.push({ deliveryId: id, workflow: target.workflow, event: stored, startedMs: at + 15 });
}

/** The request a target's delivery carries, as dispatch renders it (templates filled from the event). */
function requestOf(config: ReflexConfig, rule: RuleSpec, target: TargetSpec, event: CloudEvent): DeliveryRequest {
  const envelope = JSON.parse(JSON.stringify(event)) as JsonObject;
  switch (target.type) {
    case "workflow":
      return { type: "workflow", workflow: target.workflow, input: workflowInput(event), event: envelope };
    case "notify": {
      const channelSpec = config.channels.get(target.channel);
      if (!channelSpec) throw new Error(`rule ${rule.name}: target ${target.name} names channel ${target.channel}, which the config does not declare`);
      return { type: "notify", channel: target.channel, channelSpec, subject: { rule: { name: rule.name, labels: rule.labels }, event: envelope }, message: `${rule.description ?? rule.name}: ${event.subject ?? event.id}` };
    }
    default:
      throw new Error(`rule ${rule.name}: target ${target.name} is a ${target.type} target, which the console benchmark does not seed`);
  }
}

/** The inputs the seed scenarios' workflow targets render from an event. */
function workflowInput(event: CloudEvent): JsonObject {
  const data = typeof event.data === "object" && event.data !== null && !Array.isArray(event.data) ? (event.data as JsonObject) : {};
  const content = typeof data.content === "object" && data.content !== null && !Array.isArray(data.content) ? (data.content as JsonObject) : {};
  const instance = data.instanceId ?? content.resourceId ?? content.instanceId ?? event.subject ?? "";
  const region = event.region ?? "ap-guangzhou";
  return { instance, region, subject: event.subject ?? null };
}
