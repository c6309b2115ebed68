// Turns a rule's targets into the requests its deliveries will send, for one event or for a
// group of events: the templates are rendered against the template context, what they render
// to is checked (a URL must be an absolute http(s) URL, a channel must still be declared), and
// the rest of the target is copied in. A target that fails becomes a plan with the error and
// the JSON pointer (into the rule) of the failing template, instead of a request.
import type { ChannelSpec, RuleSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { CloudEvent } from "../core/event.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { TemplateError } from "../expr/index.js";
import type { CompiledRule, CompiledTarget } from "./compiled-rule.js";
import type { DeliveryRequest } from "./delivery-request.js";
import { eventJson, templateContext } from "./template-context.js";

/** What one target will send, or why it cannot. */
export type DeliveryPlan =
  | { target: CompiledTarget; request: DeliveryRequest }
  | { target: CompiledTarget; request: null; error: string; pointer: string };

/** What the targets are rendered for. */
export interface RenderInput {
  /** One event, or a group's events (oldest first). */
  events: readonly CloudEvent[];
  group: boolean;
  now: number;
  /** The declared channels, for `notify` targets. */
  channels: ReadonlyMap<string, ChannelSpec>;
}

/** One plan per target of `rule`, in the rule's order. */
export async function renderTargets(rule: CompiledRule, input: RenderInput): Promise<DeliveryPlan[]> {
  const context = templateContext(rule.spec, input.events, input.now, input.group);
  const plans: DeliveryPlan[] = [];
  for (const target of rule.targets) {
    try {
      const fields = await target.fields.render(context);
      plans.push({ target, request: buildRequest(rule.spec, target, isJsonObject(fields) ? fields : {}, input) });
    } catch (err) {
      if (err instanceof TemplateError) plans.push({ target, request: null, error: err.message, pointer: err.pointer });
      else if (err instanceof RenderError) plans.push({ target, request: null, error: err.message, pointer: err.pointer });
      else throw err;
    }
  }
  return plans;
}

/** A rendered value that cannot be used, at a pointer into the rule. */
class RenderError extends ReflexError {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super("render_failed", `${pointer}: ${message}`, { status: 400, location: { pointer } });
  }
}

function buildRequest(rule: RuleSpec, target: CompiledTarget, fields: JsonObject, input: RenderInput): DeliveryRequest {
  const spec = target.spec;
  const at = `/targets/${target.index}`;
  const first = input.events[0];
  const event = first === undefined ? {} : eventJson(first);
  const defaultPayload: JsonValue = input.group ? { events: input.events.map(eventJson) } : event;
  switch (spec.type) {
    case "http": {
      const url = fields.url;
      if (typeof url !== "string" || !isHttpUrl(url)) throw new RenderError(`${at}/url`, `the URL rendered to ${JSON.stringify(url)}, which is not an absolute http(s) URL`);
      const request: DeliveryRequest = {
        type: "http",
        method: spec.method,
        url,
        headers: headerTexts(fields.headers),
        timeoutMs: spec.timeoutMs,
        expectStatus: spec.expectStatus,
      };
      if (spec.method !== "GET") request.body = "body" in fields ? (fields.body ?? null) : defaultPayload;
      if (spec.sign) request.sign = spec.sign;
      return request;
    }
    case "notify": {
      const channel = input.channels.get(spec.channel);
      if (!channel) throw new RenderError(`${at}/channel`, `channel '${spec.channel}' is not declared any more; declare it with 'kind: Channel'`);
      const message = "message" in fields ? asText(fields.message ?? null) : defaultMessage(rule, input.events, input.group);
      const payload: JsonObject = { rule: rule.name, event, message };
      if (input.group) payload.events = input.events.map(eventJson);
      const request: DeliveryRequest = { type: "notify", channel: channel.name, url: channel.url, headers: { ...channel.headers }, payload };
      if (channel.hmacSecret !== undefined) request.hmacSecret = channel.hmacSecret;
      if (channel.rateLimit !== undefined) request.rateLimit = { ...channel.rateLimit };
      return request;
    }
    case "workflow":
      return { type: "workflow", workflow: spec.workflow, input: fields.input ?? {}, event };
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Header values as text: strings as they are, other values as JSON. */
function headerTexts(value: JsonValue | undefined): Record<string, string> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, asText(v)]));
}

function asText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A notify message when the target gives no template: what happened, where, and by which rule. */
function defaultMessage(rule: RuleSpec, events: readonly CloudEvent[], group: boolean): string {
  const first = events[0];
  if (!first) return `rule ${rule.name} matched`;
  const about = `${first.type} from ${first.source}${first.subject === undefined ? "" : ` (${first.subject})`}`;
  return group && events.length > 1 ? `rule ${rule.name}: ${events.length} events, the first ${about}` : `rule ${rule.name}: ${about}`;
}
