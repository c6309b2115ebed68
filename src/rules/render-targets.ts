// Turns a rule's targets into the requests its deliveries will send, for one event or for a
// group of events: the templates are rendered against the template context, what they render
// to is checked (a URL must be an absolute http(s) URL, a channel must still be declared), and
// the rest of the target is copied in. A target that fails becomes a plan with the error and
// the JSON pointer (into the rule) of the failing template, instead of a request.
import type { NotifySubject } from "../channels/index.js";
import type { BrokerSourceSpec, ChannelSpec, RuleSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { CloudEvent } from "../core/event.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { TemplateError } from "../expr/index.js";
import { publishDestination } from "../sources/index.js";
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
  /** The declared broker sources, for `queue` targets that name one. */
  brokerSources?: ReadonlyMap<string, BrokerSourceSpec>;
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
      const subject: NotifySubject = { rule: { name: rule.name, labels: { ...rule.labels } }, event };
      if (input.group) subject.events = input.events.map(eventJson);
      const request: DeliveryRequest = { type: "notify", channel: channel.name, channelSpec: channel, subject };
      if ("message" in fields) request.message = asText(fields.message ?? null);
      if (channel.rateLimit !== undefined) request.rateLimit = { ...channel.rateLimit };
      return request;
    }
    case "workflow":
      return { type: "workflow", workflow: spec.workflow, input: fields.input ?? {}, event };
    case "queue": {
      const source = spec.source === undefined ? undefined : input.brokerSources?.get(spec.source);
      const connection = source?.connection ?? spec.connection;
      if (connection === undefined) throw new RenderError(`${at}/source`, `source '${spec.source ?? ""}' is not a declared broker Source (any more); declare it with 'kind: Source' and type nats, amqp, mqtt or redis`);
      const destination = publishDestination(connection.broker, fields, source?.type === "redis" ? source.field : undefined);
      if ("problem" in destination) throw new RenderError(`${at}/${destination.field}`, destination.problem);
      return { type: "queue", connection, destination, body: "body" in fields ? (fields.body ?? null) : defaultPayload, timeoutMs: spec.timeoutMs };
    }
    case "function":
      return { type: "function", function: spec.function, input: "input" in fields ? (fields.input ?? null) : defaultPayload, rule: rule.name, target: spec.name };
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
