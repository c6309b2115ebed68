// Rules, matches, deliveries and attempts as the API and the CLI show them: camelCase, times
// in RFC 3339, JSON parsed, and secrets never shown (inline ones are replaced; `{env: NAME}`
// references are kept, they say where the secret comes from).
import type { TargetSpec } from "../config/types.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { formatOptionalRfc3339, formatRfc3339 } from "../core/rfc3339.js";
import type { DeliveryAttemptRow, DeliveryRow } from "../store/delivery-repository.js";
import type { RuleMatchRow } from "../store/rule-match-repository.js";
import type { CompiledRule } from "./compiled-rule.js";
import { connectionView, parseDeliveryRequest, redactRequest, redactSecret } from "./delivery-request.js";

/** A rule in force, with where it is defined: `{file, line, col}` or `"api"`. */
export function ruleView(rule: CompiledRule): JsonObject {
  const { targets, ...spec } = rule.spec;
  return { ...asJson(spec), targets: targets.map(targetView), origin: rule.origin === "api" ? "api" : { ...rule.origin } };
}

/** A spec (plain JSON data, written as interfaces) as a JSON object, absent fields left out. */
function asJson(spec: object): JsonObject {
  return JSON.parse(JSON.stringify(spec)) as JsonObject;
}

function targetView(target: TargetSpec): JsonObject {
  const shown = asJson(target);
  if (target.type === "http" && target.sign) shown.sign = { header: target.sign.header, secret: redactSecret(target.sign.secret) };
  if (target.type === "queue" && target.connection) shown.connection = connectionView(target.connection);
  return shown;
}

/** What became of one rule's match of an event. */
export function matchView(row: RuleMatchRow): JsonObject {
  return {
    id: row.id,
    rule: row.rule,
    status: row.status,
    key: row.key,
    groupId: row.group_id,
    replayId: row.replay_id,
    error: row.error,
    errorPointer: row.error_pointer,
    createdAt: formatRfc3339(Number(row.created_ms)),
  };
}

/** A delivery, without its attempts. */
export function deliveryView(row: DeliveryRow): JsonObject {
  return {
    id: row.id,
    rule: row.rule,
    target: row.target,
    type: row.type,
    status: row.status,
    event: { bus: row.bus, source: row.source, id: row.event_id, seq: Number(row.event_seq) },
    eventSeqs: JSON.parse(row.event_seqs) as JsonValue,
    groupId: row.group_id,
    replayId: row.replay_id,
    attemptCount: Number(row.attempts),
    redrives: Number(row.redrives),
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    lastError: row.last_error,
    errorPointer: row.error_pointer,
    request: row.request === null ? null : redactRequest(parseDeliveryRequest(row.request)),
    createdAt: formatRfc3339(Number(row.created_ms)),
    updatedAt: formatRfc3339(Number(row.updated_ms)),
    finishedAt: formatOptionalRfc3339(row.finished_ms),
  };
}

/** One attempt of a delivery. */
export function attemptView(row: DeliveryAttemptRow): JsonObject {
  return {
    attempt: Number(row.attempt),
    startedAt: formatRfc3339(Number(row.started_ms)),
    durationMs: Number(row.duration_ms),
    outcome: row.outcome,
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    response: row.response,
    error: row.error,
  };
}
