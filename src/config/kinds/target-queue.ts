// A rule's `queue` target: one message per delivery, published to a broker. The broker is a
// declared pull Source (`source: <name>`, whose connection and credentials are used) or a
// `url:` with its own credentials; the destination fields depend on the broker (`subject` for
// NATS, `queue` or `exchange` + `routingKey` for AMQP, `topic` for MQTT, `stream` for Redis).
// A `url:` says its broker by scheme, so its destination is checked with the target; a
// `source:` is only known once every document is loaded, so the Source kind's cross-check
// calls `queueTargetReferenceProblems` to check those.
import { parseDuration } from "../../core/duration.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { didYouMean } from "../suggest.js";
import type { BrokerType, QueueDestinationSpec, QueueTargetSpec, RetrySpec } from "../types.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import type { CrossContext } from "./kind.js";
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from "./rule-defaults.js";
import { BROKER_SCHEMES, brokerOfUrl } from "./source-broker-url.js";
import type { TargetDocument } from "./target-schema.js";
import { templateProblems } from "./template-check.js";

type QueueTargetDocument = Extract<TargetDocument, { type: "queue" }>;

/** The destination fields, by the broker that takes them. */
const DESTINATION_FIELDS: Readonly<Record<BrokerType, readonly (keyof QueueDestinationSpec)[]>> = Object.freeze({
  nats: ["subject"],
  amqp: ["queue", "exchange", "routingKey"],
  mqtt: ["topic"],
  redis: ["stream", "field"],
});

/** What each broker's destination cannot do without, in words and as a test. */
const REQUIRED: Readonly<Record<BrokerType, { text: string; given(d: QueueDestinationSpec): boolean }>> = Object.freeze({
  nats: { text: "'subject'", given: (d) => d.subject !== undefined },
  amqp: { text: "'queue' (or 'routingKey', with 'exchange')", given: (d) => d.queue !== undefined || d.routingKey !== undefined },
  mqtt: { text: "'topic'", given: (d) => d.topic !== undefined },
  redis: { text: "'stream'", given: (d) => d.stream !== undefined },
});

/** The spec of a valid `queue` target document. */
export function buildQueueTarget(doc: QueueTargetDocument, name: string, retry: RetrySpec): QueueTargetSpec {
  const destination: QueueDestinationSpec = {};
  for (const field of Object.values(DESTINATION_FIELDS).flat()) {
    const value = doc[field];
    if (value !== undefined) destination[field] = value;
  }
  const spec: QueueTargetSpec = { type: "queue", name, retry, destination, timeoutMs: doc.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(doc.timeout) };
  if (doc.source !== undefined) spec.source = doc.source;
  const broker = doc.url === undefined ? undefined : brokerOfUrl(doc.url);
  if (doc.url !== undefined && broker !== undefined) {
    spec.connection = { broker, url: doc.url };
    if (doc.username !== undefined) spec.connection.username = doc.username;
    if (doc.password !== undefined) spec.connection.password = doc.password;
    if (doc.token !== undefined) spec.connection.token = doc.token;
  }
  // Parsed YAML and JSON bodies hold only JSON values.
  if (doc.body !== undefined) spec.body = doc.body as QueueTargetSpec["body"];
  return spec;
}

/** Every problem of the `queue` target at `pointer` that its schema lets through. */
export function queueTargetProblems(target: QueueTargetDocument, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (target.source === undefined && target.url === undefined) {
    problems.push(at.problem(pointer, "a queue target needs 'source' (a declared broker Source: nats, amqp, mqtt or redis) or 'url' (a broker URL)"));
  } else if (target.source !== undefined) {
    if (target.url !== undefined) problems.push(at.problem(`${pointer}/url`, `give 'source' or 'url', not both: source '${target.source}' already says where to connect`, "key"));
    for (const field of ["username", "password", "token"] as const) {
      if (target[field] !== undefined) problems.push(at.problem(`${pointer}/${field}`, `'${field}' comes from source '${target.source}'; remove it here`, "key"));
    }
  } else if (target.url !== undefined) {
    const broker = brokerOfUrl(target.url);
    if (broker === undefined) {
      const schemes = Object.values(BROKER_SCHEMES).flat().map((s) => `${s}://`).join(", ");
      problems.push(at.problem(`${pointer}/url`, `'url' must be a broker URL starting with one of: ${schemes}`));
    } else {
      problems.push(...destinationProblems(target, broker, pointer, at));
      if (broker !== "nats" && target.token !== undefined) problems.push(at.problem(`${pointer}/token`, "'token' is for NATS; use 'username' and 'password'", "key"));
    }
  }
  if (target.queue !== undefined && (target.exchange !== undefined || target.routingKey !== undefined)) {
    problems.push(at.problem(`${pointer}/queue`, "'queue' is short for the default exchange with the queue's name as routing key; give 'queue', or 'exchange' and 'routingKey', not both", "key"));
  }
  for (const field of ["username", "password", "token", "subject", "routingKey", "queue", "topic", "stream", "body"] as const) {
    problems.push(...templateProblems(target[field], `${pointer}/${field}`, at));
  }
  problems.push(...durationBoundsProblems(target.timeout, `${pointer}/timeout`, { label: "'timeout'", above: 0, max: MAX_TIMEOUT_MS }, at));
  return problems;
}

/** Problems of destination fields that `broker` does not take or needs and lacks. */
export function destinationProblems(destination: QueueDestinationSpec, broker: BrokerType, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const own = DESTINATION_FIELDS[broker];
  const problems: ConfigProblem[] = [];
  for (const [other, fields] of Object.entries(DESTINATION_FIELDS)) {
    if (other === broker) continue;
    for (const field of fields) {
      if (destination[field] === undefined || own.includes(field)) continue;
      problems.push(at.problem(`${pointer}/${field}`, `'${field}' is for ${other}; a ${broker} destination takes ${own.map((f) => `'${f}'`).join(", ")}`, "key"));
    }
  }
  if (!REQUIRED[broker].given(destination)) problems.push(at.problem(pointer, `a queue target publishing to ${broker} needs ${REQUIRED[broker].text}`));
  return problems;
}

/**
 * Problems of rules whose `queue` targets name a source: it must be a declared broker Source,
 * and the destination must fit its broker. Each problem is placed in the rule's document.
 */
export function queueTargetReferenceProblems(context: CrossContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const brokers = [...context.config.brokerSources.keys()];
  for (const rule of context.config.rules.values()) {
    const doc = context.declared("Rule", rule.name);
    if (doc === undefined) continue;
    rule.targets.forEach((target, i) => {
      if (target.type !== "queue" || target.source === undefined) return;
      const pointer = `/targets/${i}`;
      const source = context.config.brokerSources.get(target.source);
      if (source !== undefined) {
        problems.push(...destinationProblems(target.destination, source.type, pointer, doc));
        return;
      }
      const push = context.config.sources.get(target.source);
      const message = push
        ? `source '${target.source}' is a push source (type ${push.type}); a queue target publishes through a broker Source (nats, amqp, mqtt or redis) or a 'url'`
        : `source '${target.source}' is not declared; declare a broker Source (nats, amqp, mqtt or redis) or write 'url'${brokers.length === 0 ? "" : `; broker sources: ${brokers.join(", ")}`}${didYouMean(target.source, brokers)}`;
      problems.push(doc.problem(`${pointer}/source`, message));
    });
  }
  return problems;
}
