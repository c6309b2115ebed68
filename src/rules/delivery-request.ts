// What a delivery sends, fixed when the delivery is created: the target's templates rendered
// and everything else the attempts need (timeouts, expected statuses, the channel's address),
// so a delivery runs the same way however the rule or the channels change meanwhile. Secrets
// are kept as written (`{env: NAME}` is resolved at each attempt) and hidden in every view.
import type { HttpMethod, SecretRef } from "../config/types.js";
import type { JsonObject, JsonValue } from "../core/json.js";

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

/** A `notify` target's message, posted as JSON to its channel's webhook. */
export interface NotifyRequestSpec {
  type: "notify";
  channel: string;
  url: string;
  headers: Record<string, string>;
  hmacSecret?: SecretRef;
  /** The channel's limit, applied when the delivery is scheduled. */
  rateLimit?: { rate: number; perMs: number };
  /** `{rule, event, message}`, and `events` for a group. */
  payload: JsonObject;
}

/** A `workflow` target's execution start. */
export interface WorkflowRequestSpec {
  type: "workflow";
  workflow: string;
  input: JsonValue;
  event: JsonObject;
}

export type DeliveryRequest = HttpRequestSpec | NotifyRequestSpec | WorkflowRequestSpec;

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
      const { hmacSecret, ...rest } = request;
      return hmacSecret === undefined ? { ...rest } : { ...rest, hmacSecret: redactSecret(hmacSecret) };
    }
    case "workflow":
      return { ...request };
  }
}

/** A secret as views show it. */
export function redactSecret(secret: SecretRef): JsonValue {
  return typeof secret === "string" ? "(inline secret)" : { env: secret.env };
}
