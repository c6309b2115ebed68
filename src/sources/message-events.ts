// A broker message into ingest items. The body is JSON: one envelope or an array of them.
// Without a mapping each is a CloudEvent in structured form; with one, the source's
// `{{ JSONata }}` templates build the envelope as a webhook source's do (compiled once,
// rendered with `body`, plus `message` — topic and headers — which only a broker has; without
// a `data` entry the element is the data; a body that is not JSON is the text; an attribute
// whose template selects nothing is left out). Where an envelope has no `id`, one is derived
// from the broker's identity of the message (or its topic and body), so a redelivered message
// deduplicates in the store instead of becoming a second event.
import { createHash } from "node:crypto";
import type { BrokerSourceSpec } from "../config/types.js";
import { ReflexError, ValidationError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import type { IngestItem } from "../events/ingest-item.js";
import { refusedItem } from "../events/ingest-item.js";
import { normalizeEvent } from "../events/normalize.js";
import { stableId } from "../events/stable-id.js";
import { TemplateError, compileTemplate } from "../expr/index.js";
import type { BrokerMessage } from "./broker-message.js";

/** Turns one message into one ingest item per event it holds. */
export type MessageDecoder = (message: BrokerMessage, now: number) => Promise<IngestItem[]>;

/** The decoder of a source (its mapping compiled now; the config check has compiled it before). */
export function createMessageDecoder(spec: BrokerSourceSpec): MessageDecoder {
  const mapping = spec.mapping;
  const template = mapping === undefined ? undefined : compileTemplate(mapping, "/mapping");
  const dataMapped = mapping !== undefined && Object.hasOwn(mapping, "data");
  return async (message, now) => {
    const whole = readBody(message, spec, template !== undefined);
    if (!whole.ok) return [{ ok: false, error: whole.error, pointer: "" }];
    const bodies = Array.isArray(whole.value) ? whole.value : [whole.value];
    if (bodies.length === 0) return [{ ok: false, error: "the message is an empty JSON array: it holds no events", pointer: "" }];
    const items: IngestItem[] = [];
    for (const [index, one] of bodies.entries()) {
      const pointer = Array.isArray(whole.value) ? `/${index}` : "";
      try {
        const envelope = template === undefined ? cloudEvent(one, pointer) : await mapped(template.render({ body: one, message: { topic: message.topic, headers: { ...message.headers } } }), dataMapped, one, pointer);
        if (envelope.id === undefined || envelope.id === null) envelope.id = derivedId(spec, message, index);
        items.push({ ok: true, event: template === undefined ? normalizeEvent(envelope, { now, pointer }) : fromMapping(envelope, pointer, now) });
      } catch (err) {
        items.push(err instanceof TemplateError ? { ok: false, error: err.message, pointer } : refusedItem(err, pointer, one));
      }
    }
    return items;
  };
}

type Body = { ok: true; value: JsonValue } | { ok: false; error: string };

/** The parsed body, or why it cannot be read. A mapping may also take a body that is not JSON, as text. */
function readBody(message: BrokerMessage, spec: BrokerSourceSpec, textAllowed: boolean): Body {
  if (message.body === null) {
    const hint = spec.type === "redis" ? `: a Redis entry needs the field '${spec.field}' holding the event` : "";
    return { ok: false, error: `the message has no body${hint}` };
  }
  if (message.body.length > spec.maxMessageBytes) {
    return { ok: false, error: `the message is ${message.body.length} bytes, above the source's maxMessageBytes of ${spec.maxMessageBytes}` };
  }
  const text = message.body.toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (err) {
    if (textAllowed) return { ok: true, value: text };
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `the message body is not JSON (${reason}); without a 'mapping' each message must be a CloudEvent in structured JSON form` };
  }
}

/** The element as an envelope to normalise (a copy, so the id can be filled in). */
function cloudEvent(value: JsonValue, pointer: string): JsonObject {
  if (!isJsonObject(value)) throw new ValidationError(`a message without a mapping must be a CloudEvent (a JSON object), got ${Array.isArray(value) ? "a nested array" : value === null ? "null" : typeof value}`, { pointer });
  return { ...value };
}

/**
 * The mapping's output as an envelope: an object without the attributes whose template
 * selected nothing (null), with the element as data unless mapped.
 */
async function mapped(rendering: Promise<JsonValue>, dataMapped: boolean, element: JsonValue, pointer: string): Promise<JsonObject> {
  const rendered = await rendering;
  if (!isJsonObject(rendered)) throw new ValidationError("the mapping must render to an object", { pointer });
  const envelope = Object.fromEntries(Object.entries(rendered).filter(([, value]) => value !== null));
  return dataMapped ? envelope : { ...envelope, data: element };
}

/** Normalises a mapped envelope, saying that the mapping made it when it is wrong. */
function fromMapping(envelope: JsonObject, pointer: string, now: number) {
  try {
    return normalizeEvent(envelope, { now });
  } catch (err) {
    if (!(err instanceof ReflexError)) throw err;
    throw new ValidationError(`the source's mapping, applied to this message, gave an envelope where ${err.message} (at ${err.location?.pointer ?? "/"} of the envelope)`, { pointer });
  }
}

/** An id for the `index`-th event of a message: the same on every delivery of that message. */
function derivedId(spec: BrokerSourceSpec, message: BrokerMessage, index: number): string {
  const identity: JsonValue = message.key === null ? { topic: message.topic, body: createHash("sha256").update(message.body ?? "").digest("hex") } : { ...message.key };
  return stableId(spec.type, { source: spec.name, message: identity, index });
}
