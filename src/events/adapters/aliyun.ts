// The `aliyun` adapter: Alibaba Cloud CloudMonitor system events, as its URL callbacks and
// event subscriptions push them:
//
//   {"id": "9435EAD6-…", "product": "ECS", "name": "Instance:StateChange", "level": "INFO",
//    "regionId": "cn-hangzhou", "resourceId": "acs:ecs:cn-hangzhou:…:instance/i-bp1…",
//    "eventTime": "20181226T220114.058+0800", "userId": "…", "ver": "1.0",
//    "content": {"resourceId": "i-bp1…", "resourceType": "ALIYUN::ECS::Instance", "state": "Stopping"}}
//
// Mapping: `source` = "acs." + product in lower case; `type` = name; `subject` =
// content.resourceId, else content.instanceId, else resourceId; `region` = regionId;
// `level` and `status` kept as extensions when present; `time` from eventTime (its compact
// form `20190719T124356.279+0800` becomes `2019-07-19T12:43:56.279+08:00`; RFC 3339 text and
// epoch milliseconds are read too); `id` = the event's id, or a stable hash of the whole event
// when it has none, so a re-sent callback deduplicates. `data` holds every original field, with
// `content` parsed when a callback sent it as a JSON string.
import { ValidationError } from "../../core/errors.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { normalizeEvent } from "../normalize.js";
import { formatRfc3339, parseRfc3339 } from "../../core/rfc3339.js";
import { stableId } from "../stable-id.js";
import type { Adapter } from "./adapter.js";
import { perEvent } from "./per-event.js";

/** Alibaba CloudMonitor system events, one or many. */
export const aliyunAdapter: Adapter = (body, ctx) =>
  perEvent(body, "Alibaba CloudMonitor event", (raw, pointer) => normalizeEvent(fromAliyun(raw, pointer), { now: ctx.now, pointer }));

function fromAliyun(raw: JsonObject, pointer: string): JsonObject {
  const at = (field: string): { pointer: string } => ({ pointer: `${pointer}/${field}` });
  const product = raw.product;
  if (typeof product !== "string" || product === "") throw new ValidationError("product is required: the Alibaba Cloud service, e.g. \"ECS\"", at("product"));
  const name = raw.name;
  if (typeof name !== "string" || name === "") throw new ValidationError("name is required: the event name, e.g. \"Instance:StateChange\"", at("name"));
  const content = parsedContent(raw.content);
  const data: JsonObject = { ...raw, ...(content === undefined ? {} : { content }) };
  const envelope: JsonObject = {
    id: typeof raw.id === "string" && raw.id !== "" ? raw.id : stableId("aliyun", raw),
    source: `acs.${product.toLowerCase()}`,
    type: name,
    datacontenttype: "application/json",
    data,
  };
  const subject = firstString(isJsonObject(content) ? content.resourceId : undefined, isJsonObject(content) ? content.instanceId : undefined, raw.resourceId);
  if (subject !== undefined) envelope.subject = subject;
  if (raw.eventTime !== undefined && raw.eventTime !== null) envelope.time = aliyunTime(raw.eventTime, at("eventTime"));
  if (typeof raw.regionId === "string") envelope.region = raw.regionId;
  if (typeof raw.level === "string") envelope.level = raw.level;
  if (typeof raw.status === "string") envelope.status = raw.status;
  return envelope;
}

/** `content` as an object when it was sent as a JSON string; unchanged otherwise. */
function parsedContent(content: JsonValue | undefined): JsonValue | undefined {
  if (typeof content !== "string" || !content.trimStart().startsWith("{")) return content;
  try {
    return JSON.parse(content) as JsonValue;
  } catch {
    return content;
  }
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?(?:([+-]\d{2})(\d{2})|Z)$/;

/** CloudMonitor's eventTime as RFC 3339. */
function aliyunTime(value: JsonValue, location: { pointer: string }): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return formatRfc3339(value);
  if (typeof value === "string") {
    const m = COMPACT.exec(value);
    if (m) {
      const offset = m[8] === undefined ? "Z" : `${m[8]}:${m[9] ?? "00"}`;
      const text = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}${offset}`;
      if (parseRfc3339(text) !== undefined) return text;
    } else if (parseRfc3339(value) !== undefined) {
      return value;
    }
  }
  throw new ValidationError(`eventTime ${JSON.stringify(value)} is not a time Reflex can read; CloudMonitor sends e.g. "20190719T124356.279+0800"`, location);
}

function firstString(...values: (JsonValue | undefined)[]): string | undefined {
  return values.find((v): v is string => typeof v === "string" && v !== "");
}
