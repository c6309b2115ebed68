// The `tencent` adapter: Tencent Cloud EventBridge / Cloud Monitor events. They are CloudEvents
// already, with Tencent's habits: `time` in epoch milliseconds (a number, or a string of
// digits), `specversion` sometimes written "1.0.2", and extension attributes at top level
// (`region`, `status` "1" abnormal / "0" resolved / "-" stateless, `resource`, `tags`). Time
// becomes RFC 3339 (UTC), the version "1.0"; everything else is kept as sent. One event or an
// array of them.
import { ValidationError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import { normalizeEvent } from "../normalize.js";
import { formatRfc3339 } from "../../core/rfc3339.js";
import type { Adapter } from "./adapter.js";
import { perEvent } from "./per-event.js";

/** Tencent Cloud EventBridge events, one or many. */
export const tencentAdapter: Adapter = (body, ctx) =>
  perEvent(body, "Tencent Cloud EventBridge", (raw, pointer) => normalizeEvent(fromTencent(raw, pointer), { now: ctx.now, pointer }));

function fromTencent(raw: JsonObject, pointer: string): JsonObject {
  const envelope: JsonObject = { ...raw };
  if (typeof raw.specversion === "string" && /^1\.0\.\d+$/.test(raw.specversion)) envelope.specversion = "1.0";
  const time = raw.time;
  if (typeof time === "number" || (typeof time === "string" && /^\d+$/.test(time))) {
    const ms = Number(time);
    if (!Number.isSafeInteger(ms) || ms > 8.64e15) {
      throw new ValidationError(`time ${JSON.stringify(time)} is not a usable epoch-millisecond timestamp`, { pointer: `${pointer}/time` });
    }
    envelope.time = formatRfc3339(ms);
  }
  return envelope;
}
