// The `alertmanager` adapter: Prometheus Alertmanager's webhook (payload version "4"). One
// notification carries a group of alerts; each alert becomes one event:
//
// - `source` = "alertmanager". A fixed name (not the payload's externalURL host) so that rules
//   and EventTypes do not depend on where Alertmanager runs, and so that an HA pair of
//   Alertmanagers, which both send the same group, deduplicates. externalURL is kept in data.
// - `type` = labels.alertname (required), `subject` = labels.instance (when present).
// - `status` extension = the alert's own "firing" or "resolved" (not the group's).
// - `id` = stable hash of fingerprint + status + startsAt: a re-sent group (repeat_interval, a
//   retry, the HA twin) maps to the same ids and is stored once, while the resolution of an
//   alert, or a new firing of it, is a new event. Without a fingerprint (Alertmanager < 0.19)
//   the labels stand in for it.
// - `time` = startsAt for firing alerts, endsAt for resolved ones.
// - `data` = the alert (labels, annotations, startsAt, endsAt, generatorURL, fingerprint) plus
//   the group's receiver, groupKey, groupLabels, commonLabels, commonAnnotations, externalURL.
import { ValidationError } from "../../core/errors.js";
import type { CloudEvent } from "../../core/event.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import type { IngestItem } from "../ingest-item.js";
import { refusedItem } from "../ingest-item.js";
import { normalizeEvent } from "../normalize.js";
import { parseRfc3339 } from "../../core/rfc3339.js";
import { stableId } from "../stable-id.js";
import type { Adapter } from "./adapter.js";

/** The `source` of every Alertmanager event. */
export const ALERTMANAGER_SOURCE = "alertmanager";

const GROUP_FIELDS = ["receiver", "groupKey", "groupLabels", "commonLabels", "commonAnnotations", "externalURL"] as const;

/** Alertmanager webhook notifications, one event per alert. */
export const alertmanagerAdapter: Adapter = (body, ctx) => {
  if (!isJsonObject(body) || !Array.isArray(body.alerts)) {
    throw new ValidationError('an Alertmanager webhook body is a JSON object with an "alerts" array (webhook payload version 4)', { pointer: "/alerts" });
  }
  if (body.version !== undefined && body.version !== "4") {
    throw new ValidationError(`Alertmanager webhook payload version ${JSON.stringify(body.version)} is not supported; Reflex reads version "4"`, { pointer: "/version" });
  }
  const group: JsonObject = {};
  for (const field of GROUP_FIELDS) {
    const value = body[field];
    if (value !== undefined) group[field] = value;
  }
  return body.alerts.map((alert, index): IngestItem => {
    const pointer = `/alerts/${index}`;
    try {
      return { ok: true, event: alertEvent(alert, group, pointer, ctx.now) };
    } catch (err) {
      return refusedItem(err, pointer);
    }
  });
};

function alertEvent(alert: JsonValue, group: JsonObject, pointer: string, now: number): CloudEvent {
  if (!isJsonObject(alert)) throw new ValidationError("an alert must be a JSON object", { pointer });
  const labels = alert.labels;
  if (!isJsonObject(labels)) throw new ValidationError("an alert needs a labels object", { pointer: `${pointer}/labels` });
  const alertname = labels.alertname;
  if (typeof alertname !== "string" || alertname === "") {
    throw new ValidationError("labels.alertname is required: it becomes the event type", { pointer: `${pointer}/labels/alertname` });
  }
  const status = alert.status;
  if (status !== "firing" && status !== "resolved") {
    throw new ValidationError(`status must be "firing" or "resolved", got ${JSON.stringify(status ?? null)}`, { pointer: `${pointer}/status` });
  }
  const startsAt = typeof alert.startsAt === "string" ? alert.startsAt : null;
  const identity = typeof alert.fingerprint === "string" && alert.fingerprint !== "" ? alert.fingerprint : labels;
  const envelope: JsonObject = {
    id: stableId("am", [identity, status, startsAt]),
    source: ALERTMANAGER_SOURCE,
    type: alertname,
    status,
    datacontenttype: "application/json",
    data: { ...alert, ...group },
  };
  if (typeof labels.instance === "string" && labels.instance !== "") envelope.subject = labels.instance;
  const timeField = status === "resolved" ? "endsAt" : "startsAt";
  const time = alert[timeField];
  if (typeof time === "string") {
    if (parseRfc3339(time) === undefined) throw new ValidationError(`${timeField} must be an RFC 3339 timestamp, got ${JSON.stringify(time)}`, { pointer: `${pointer}/${timeField}` });
    envelope.time = time;
  }
  return normalizeEvent(envelope, { now, pointer });
}
