// What a delivery sends, fixed when the delivery is created: the target's templates rendered
// and everything else the attempts need (timeouts, expected statuses, the channel's address),
// so a delivery runs the same way however the rule or the channels change meanwhile. Secrets
// are kept as written (`{env: NAME}` is resolved at each attempt) and hidden in every view.
import { withoutCredentials } from "../config/kinds/source-broker-url.js";
import type { BrokerConnectionSpec, ChannelSpec, HttpMethod, SecretRef } from "../config/types.js";
import { channelView } from "../channels/index.js";
import type { NotifySubject } from "../channels/index.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import type { PublishDestination } from "../sources/index.js";

/** An `http` target's request. */
export interface HttpRequestSpec {
  type: "http";
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON; absent for GET. */
  body?: JsonValue;
  timeoutMs: number;
  expectStatus: [number, number];
  sign?: { secret: SecretRef; header: string };
}

/** A `notify` target's message, sent through its channel as declared when the delivery was created. */
export interface NotifyRequestSpec {
  type: "notify";
  channel: string;
  /** The channel's settings; its secrets are resolved at each attempt. */
  channelSpec: ChannelSpec;
  /** The channel's limit, applied when the delivery is scheduled. */
  rateLimit?: { rate: number; perMs: number };
  /** What the message is about: the rule and the event (and a group's events). */
  subject: NotifySubject;
  /** The target's rendered `message`; absent: the channel's message for the event. */
  message?: string;
}

/** A `workflow` target's execution start. */
export interface WorkflowRequestSpec {
  type: "workflow";
  workflow: string;
  input: JsonValue;
  event: JsonObject;
}

/** A `queue` target's message, published to a broker. */
export interface QueueRequestSpec {
  type: "queue";
  /** The broker's URL and credentials as written (resolved at each attempt). */
  connection: BrokerConnectionSpec;
  destination: PublishDestination;
  /** Text is sent as it is, other values as JSON. */
  body: JsonValue;
  timeoutMs: number;
}

/** A `function` target's invocation; the Function itself is looked up at each attempt. */
export interface FunctionRequestSpec {
  type: "function";
  function: string;
  /** The handler's event. */
  input: JsonValue;
  /** The rule and target, for the handler's `context.trigger`. */
  rule: string;
  target: string;
}

export type DeliveryRequest = HttpRequestSpec | NotifyRequestSpec | WorkflowRequestSpec | QueueRequestSpec | FunctionRequestSpec;

/** Reads a request stored by `JSON.stringify` of a DeliveryRequest. */
export function parseDeliveryRequest(text: string): DeliveryRequest {
  return JSON.parse(text) as DeliveryRequest;
}

/** The request as views show it: inline secrets replaced, environment references kept. */
export function redactRequest(request: DeliveryRequest): JsonObject {
  switch (request.type) {
    case "http": {
      const { sign, ...rest } = request;
      const shown: JsonObject = { ...rest, headers: rest.headers };
      if (sign) shown.sign = { header: sign.header, secret: redactSecret(sign.secret) };
      return shown;
    }
    case "notify": {
      const { channelSpec, subject, ...rest } = request;
      return { ...rest, channelSpec: channelView(channelSpec), subject: { ...subject } };
    }
    case "workflow":
      return { ...request };
    case "queue":
      return { ...request, destination: { ...request.destination }, connection: connectionView(request.connection) };
    case "function":
      return { ...request };
  }
}

/** A broker connection as views show it: no credentials in the URL, inline secrets replaced. */
export function connectionView(connection: BrokerConnectionSpec): JsonObject {
  const { username, password, token, ...rest } = connection;
  const shown: JsonObject = { ...rest, url: withoutCredentials(rest.url) };
  if (username !== undefined) shown.username = redactSecret(username);
  if (password !== undefined) shown.password = redactSecret(password);
  if (token !== undefined) shown.token = redactSecret(token);
  return shown;
}

/** A secret as views show it. */
export function redactSecret(secret: SecretRef): JsonValue {
  return typeof secret === "string" ? "(inline secret)" : { env: secret.env };
}
