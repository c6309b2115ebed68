// The `webhook` adapter: any JSON body, mapped into an envelope by a `kind: Source` mapping of
// `{{ JSONata }}` templates over `{ body }` (see expr/template.ts), e.g.
//
//   mapping:
//     source: grafana
//     type: "{{ body.state = 'alerting' ? 'grafana.alert.firing' : 'grafana.alert.ok' }}"
//     subject: "{{ body.ruleName }}"
//     id: "{{ $string(body.ruleId) & '-' & body.state }}"
//
// `source` and `type` must render to non-empty strings; `id`, `subject`, `time`, `data` and
// extension attributes are optional (a template that selects nothing leaves the attribute
// out). Without a `data` entry the whole body is the data. An array body is one event per
// element, each rendered with that element as `body`. The mapping is compiled once, when the
// adapter is made: bad syntax throws a TemplateError at `/mapping/...` before any request.
import { ValidationError } from "../../core/errors.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { TemplateError } from "../../expr/template-error.js";
import { compileTemplate } from "../../expr/template.js";
import type { IngestItem } from "../ingest-item.js";
import { refusedItem } from "../ingest-item.js";
import { normalizeEvent } from "../normalize.js";
import type { Adapter } from "./adapter.js";

/** The mapping of a webhook source that declares none: the body, as data of a "webhook" event. */
export const DEFAULT_WEBHOOK_MAPPING: JsonObject = { source: "webhook", type: "webhook" };

/** Makes an adapter from a `kind: Source` mapping (compiled now; throws TemplateError). */
export function createWebhookAdapter(mapping: JsonObject): Adapter {
  const template = compileTemplate(mapping, "/mapping");
  const dataMapped = Object.hasOwn(mapping, "data");
  return async (body, ctx) => {
    // The body is parsed JSON, so it is a JsonValue.
    const json = body as JsonValue;
    const bodies = Array.isArray(json) ? json : [json];
    const items: IngestItem[] = [];
    for (const [index, one] of bodies.entries()) {
      const pointer = Array.isArray(json) ? `/${index}` : "";
      try {
        const rendered = await template.render({ body: one });
        if (!isJsonObject(rendered)) throw new ValidationError("the mapping must render to an object", { pointer });
        const envelope = dataMapped ? rendered : { ...rendered, data: one };
        items.push({ ok: true, event: mapped(envelope, pointer, ctx.now) });
      } catch (err) {
        // A template failing names its place in the mapping in its message; the item points into the body.
        items.push(err instanceof TemplateError ? { ok: false, error: err.message, pointer } : refusedItem(err, pointer));
      }
    }
    return items;
  };
}

/** Normalises a rendered envelope, saying that it came from the mapping when it is wrong. */
function mapped(envelope: JsonObject, pointer: string, now: number) {
  try {
    return normalizeEvent(envelope, { now });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new ValidationError(`the source's mapping, applied to this body, gave an envelope where ${err.message} (at ${err.location?.pointer ?? "/"} of the envelope)`, { pointer });
  }
}
