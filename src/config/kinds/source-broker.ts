// A pull Source from its document: the checks its schema cannot state (a URL that fits the
// broker, templates that compile, a mapping that produces `source` and `type`, an MQTT topic
// filter that is well formed, durations in range) and the spec with every default filled in.
// Defaults that name things (the NATS durable consumer, the MQTT client id, the Redis group)
// derive from the source's name, so they stay the same across restarts: that is what lets
// the broker keep what Reflex has not acknowledged yet.
import { parseDuration } from "../../core/duration.js";
import type { JsonObject } from "../../core/json.js";
import { pointerSegment } from "../../core/json.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import type { BrokerConnectionSpec, BrokerSourceSpec } from "../types.js";
import { DEFAULT_BUS } from "../types.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import type { BrokerSourceDocument } from "./source-broker-schema.js";
import { brokerUrlProblem } from "./source-broker-url.js";
import { templateProblems } from "./template-check.js";

/** What a broker source gets when its document does not say. */
export const BROKER_SOURCE_DEFAULTS = Object.freeze({
  maxMessageBytes: 1024 * 1024,
  prefetch: 32,
  ackWaitMs: 30_000,
  sessionExpiryMs: 7 * 86_400_000,
  field: "body",
  claimIdleMs: 60_000,
});

/** Longest MQTT session expiry (the protocol's 32-bit count of seconds). */
const MAX_SESSION_EXPIRY_MS = 0xffff_fffe * 1000;

/** Envelope attributes a mapping must produce. */
const REQUIRED_MAPPING = ["source", "type"] as const;

/** The spec for a valid broker source document. */
export function buildBrokerSource(doc: BrokerSourceDocument): BrokerSourceSpec {
  const connection: BrokerConnectionSpec = { broker: doc.type, url: doc.url };
  if (doc.username !== undefined) connection.username = doc.username;
  if (doc.password !== undefined) connection.password = doc.password;
  if (doc.type === "nats" && doc.token !== undefined) connection.token = doc.token;
  const common = {
    name: doc.name,
    bus: doc.bus ?? DEFAULT_BUS.name,
    connection,
    maxMessageBytes: doc.maxMessageBytes ?? BROKER_SOURCE_DEFAULTS.maxMessageBytes,
    prefetch: doc.prefetch ?? BROKER_SOURCE_DEFAULTS.prefetch,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    // Parsed YAML holds only JSON values (the core schema has no dates or binary).
    ...(doc.mapping === undefined ? {} : { mapping: doc.mapping as JsonObject }),
  };
  const ms = (written: string | number | undefined, fallback: number) => (written === undefined ? fallback : parseDuration(written));
  switch (doc.type) {
    case "nats":
      return {
        ...common,
        type: "nats",
        stream: doc.stream,
        consumer: doc.consumer ?? `reflex-${doc.name.replace(/\./g, "_")}`,
        ...(doc.subject === undefined ? {} : { subject: doc.subject }),
        ackWaitMs: ms(doc.ackWait, BROKER_SOURCE_DEFAULTS.ackWaitMs),
      };
    case "amqp":
      return { ...common, type: "amqp", queue: doc.queue };
    case "mqtt":
      return {
        ...common,
        type: "mqtt",
        topic: doc.topic,
        clientId: doc.clientId ?? `reflex-${doc.name}`,
        ...(doc.group === undefined ? {} : { group: doc.group }),
        sessionExpiryMs: ms(doc.sessionExpiry, BROKER_SOURCE_DEFAULTS.sessionExpiryMs),
      };
    case "redis":
      return {
        ...common,
        type: "redis",
        stream: doc.stream,
        group: doc.group ?? `reflex-${doc.name}`,
        ...(doc.consumer === undefined ? {} : { consumer: doc.consumer }),
        field: doc.field ?? BROKER_SOURCE_DEFAULTS.field,
        claimIdleMs: ms(doc.claimIdle, BROKER_SOURCE_DEFAULTS.claimIdleMs),
      };
  }
}

/** Every problem of a broker source document that its schema lets through. */
export function brokerSourceProblems(doc: BrokerSourceDocument, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const urlProblem = brokerUrlProblem(doc.url, doc.type);
  if (urlProblem !== undefined) problems.push(at.problem("/url", urlProblem));
  problems.push(...templateProblems(doc.username, "/username", at), ...templateProblems(doc.password, "/password", at));
  if (doc.mapping !== undefined) problems.push(...mappingProblems(doc.mapping, at));
  switch (doc.type) {
    case "nats":
      problems.push(...templateProblems(doc.token, "/token", at));
      problems.push(...durationBoundsProblems(doc.ackWait, "/ackWait", { label: "'ackWait'", above: 0 }, at));
      break;
    case "mqtt":
      problems.push(...topicFilterProblems(doc.topic, at));
      problems.push(...durationBoundsProblems(doc.sessionExpiry, "/sessionExpiry", { label: "'sessionExpiry'", above: 0, max: MAX_SESSION_EXPIRY_MS }, at));
      break;
    case "redis":
      problems.push(...durationBoundsProblems(doc.claimIdle, "/claimIdle", { label: "'claimIdle'", above: 0 }, at));
      break;
    case "amqp":
      break;
  }
  return problems;
}

/** A mapping needs templates for `source` and `type`, and every template must compile. */
function mappingProblems(mapping: Record<string, unknown>, at: ProblemLocator): ConfigProblem[] {
  const problems = REQUIRED_MAPPING.filter((attr) => !(attr in mapping)).map((attr) =>
    at.problem(`/mapping/${attr}`, `'mapping' needs '${attr}': the template for the events' ${attr} attribute (or leave 'mapping' out when messages are CloudEvents)`),
  );
  for (const [attr, template] of Object.entries(mapping)) problems.push(...templateProblems(template, `/mapping/${pointerSegment(attr)}`, at));
  return problems;
}

/** MQTT topic filter rules: `#` only as the last level, `+` and `#` only as whole levels. */
function topicFilterProblems(topic: string, at: ProblemLocator): ConfigProblem[] {
  const levels = topic.split("/");
  const bad = levels.findIndex((level, i) => (level.includes("#") && (level !== "#" || i !== levels.length - 1)) || (level.includes("+") && level !== "+"));
  if (bad === -1) return [];
  return [at.problem("/topic", `'${topic}' is not a valid MQTT topic filter: '+' must be a whole level and '#' the whole last level (e.g. alerts/+/cpu, alerts/#)`)];
}
