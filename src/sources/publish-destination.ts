// Where a `queue` target's message goes, once its templates are rendered for an event: the
// fields of the broker it publishes to, each checked to be usable text. A template that
// renders to nothing, or to an object, is named by its field so the rule can be fixed.
import type { BrokerType } from "../config/types.js";
import type { JsonObject, JsonValue } from "../core/json.js";

/** A rendered destination, by broker. */
export type PublishDestination =
  | { broker: "nats"; subject: string }
  | { broker: "amqp"; exchange: string; routingKey: string }
  | { broker: "mqtt"; topic: string }
  | { broker: "redis"; stream: string; field: string };

/** A destination field that did not render to usable text. */
export interface DestinationProblem {
  /** The target's field (`subject`, `routingKey`, …). */
  field: string;
  problem: string;
}

/** The entry field a Redis destination uses when neither the target nor its source names one. */
export const DEFAULT_REDIS_FIELD = "body";

/**
 * The destination for `broker` from a target's rendered fields. `redisField` is the field of
 * the Redis source the target names, used when the target gives none.
 */
export function publishDestination(broker: BrokerType, fields: JsonObject, redisField?: string): PublishDestination | DestinationProblem {
  try {
    switch (broker) {
      case "nats":
        return { broker, subject: text(fields, "subject") };
      case "amqp": {
        const queue = fields.queue;
        if (queue !== undefined) return { broker, exchange: "", routingKey: text(fields, "queue") };
        return { broker, exchange: fields.exchange === undefined ? "" : text(fields, "exchange", true), routingKey: text(fields, "routingKey") };
      }
      case "mqtt":
        return { broker, topic: text(fields, "topic") };
      case "redis":
        return { broker, stream: text(fields, "stream"), field: fields.field === undefined ? (redisField ?? DEFAULT_REDIS_FIELD) : text(fields, "field") };
    }
  } catch (err) {
    if (err instanceof FieldError) return { field: err.field, problem: err.message };
    throw err;
  }
}

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The field's value as text: strings as they are, numbers and booleans written out. */
function text(fields: JsonObject, field: string, emptyAllowed = false): string {
  const value: JsonValue | undefined = fields[field];
  if (value === undefined) throw new FieldError(field, `the destination needs '${field}'`);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") throw new FieldError(field, `'${field}' rendered to ${value === null ? "nothing (null)" : JSON.stringify(value).slice(0, 80)}, not text`);
  if (value === "" && !emptyAllowed) throw new FieldError(field, `'${field}' rendered to an empty string`);
  return value;
}
