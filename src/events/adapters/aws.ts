// The `aws` adapter: Amazon EventBridge events in their own envelope
//
//   {"version": "0", "id": "…", "detail-type": "EC2 Instance State-change Notification",
//    "source": "aws.ec2", "account": "123456789012", "time": "2026-01-01T08:00:00Z",
//    "region": "us-east-1", "resources": ["arn:aws:ec2:…:instance/i-…"], "detail": {…}}
//
// become CloudEvents as the CloudEvents AWS mapping does it:
//
//   id ← id            source ← source          type ← detail-type      time ← time
//   subject ← resources[0]                      data ← detail (datacontenttype application/json)
//   extensions: account ← account, region ← region, resources ← resources
//
// The envelope's `version` (always "0") is dropped. One event or an array of them.
import { ValidationError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import { normalizeEvent } from "../normalize.js";
import type { Adapter } from "./adapter.js";
import { perEvent } from "./per-event.js";

/** Amazon EventBridge events, one or many. */
export const awsAdapter: Adapter = (body, ctx) =>
  perEvent(body, "AWS EventBridge", (raw, pointer) => normalizeEvent(fromAws(raw, pointer), { now: ctx.now, pointer }));

function fromAws(raw: JsonObject, pointer: string): JsonObject {
  const detailType = raw["detail-type"];
  if (typeof detailType !== "string" || detailType === "") {
    throw new ValidationError('detail-type is required: it becomes the event type, e.g. "EC2 Instance State-change Notification"', { pointer: `${pointer}/detail-type` });
  }
  const envelope: JsonObject = { id: raw.id ?? null, source: raw.source ?? null, type: detailType, time: raw.time ?? null };
  const resources = raw.resources;
  if (resources !== undefined && resources !== null && !Array.isArray(resources)) {
    throw new ValidationError("resources must be an array of ARNs", { pointer: `${pointer}/resources` });
  }
  if (resources !== undefined && resources !== null && typeof resources[0] === "string") envelope.subject = resources[0];
  if (raw.detail !== undefined) {
    envelope.datacontenttype = "application/json";
    envelope.data = raw.detail;
  }
  if (raw.account !== undefined) envelope.account = raw.account;
  if (raw.region !== undefined) envelope.region = raw.region;
  if (resources !== undefined && resources !== null) envelope.resources = resources;
  return envelope;
}
