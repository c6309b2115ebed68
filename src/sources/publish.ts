// A `queue` target's message, published: credentials resolved at the moment of use, the body
// as bytes (text as it is, other values as JSON), one connection per attempt, closed after,
// and the attempt bounded by the target's timeout. The answer is a line saying what the broker
// confirmed; a failure is a BrokerPublishError that says whether trying again can help (a
// missing secret or variable cannot; a broker that is down or refuses for now can).
import type { BrokerConnectionSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import type { SecretResolver } from "../core/secrets.js";
import { NO_SECRETS, SecretNotSetError } from "../core/secrets.js";
import { publishAmqp } from "./amqp-publish.js";
import { brokerErrorText } from "./broker-connect.js";
import { CredentialUnavailableError, resolveConnection } from "./credentials.js";
import type { ResolvedConnection } from "./credentials.js";
import { publishMqtt } from "./mqtt-publish.js";
import { publishNats } from "./nats-publish.js";
import type { PublishDestination } from "./publish-destination.js";
import { publishRedis } from "./redis-publish.js";

/** One message to publish. */
export interface OutgoingMessage {
  connection: BrokerConnectionSpec;
  destination: PublishDestination;
  body: JsonValue;
  /** Stable across attempts (the delivery id): brokers that deduplicate by id (JetStream) use it. */
  messageId: string;
  timeoutMs: number;
}

/** What publishing may use. */
export interface PublishContext {
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  /** Resolves `{{ secrets.NAME }}` in credentials; absent: no secrets are set. */
  secrets?: SecretResolver;
}

/** A message that was not published; `permanent` when another attempt cannot help. */
export class BrokerPublishError extends ReflexError {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super("broker_publish_failed", message);
  }
}

/** One broker's publisher: resolves with what the broker confirmed. */
export type Publisher<D extends PublishDestination> = (connection: ResolvedConnection, destination: D, body: Buffer, messageId: string, signal: AbortSignal) => Promise<string>;

/** Publishes `message`; resolves with the broker's confirmation, rejects with a BrokerPublishError. */
export async function publishToBroker(message: OutgoingMessage, ctx: PublishContext): Promise<string> {
  const { connection: spec, destination } = message;
  if (spec.broker !== destination.broker) throw new BrokerPublishError(`the connection is to ${spec.broker} but the destination is for ${destination.broker}`, true);
  let connection: ResolvedConnection;
  try {
    connection = await resolveConnection(spec, { env: ctx.env, secrets: ctx.secrets ?? NO_SECRETS }, "the queue target's");
  } catch (err) {
    if (err instanceof CredentialUnavailableError || err instanceof SecretNotSetError) throw new BrokerPublishError(err.message, true);
    throw err;
  }
  const body = Buffer.from(typeof message.body === "string" ? message.body : JSON.stringify(message.body), "utf8");
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(message.timeoutMs)]);
  try {
    const published = publisherFor(destination, connection, body, message.messageId, signal);
    return await Promise.race([published, aborted(signal, message.timeoutMs)]);
  } catch (err) {
    if (err instanceof BrokerPublishError) throw err;
    throw new BrokerPublishError(`publishing to ${destination.broker} failed: ${brokerErrorText(err, connection)}`, false);
  }
}

function publisherFor(destination: PublishDestination, connection: ResolvedConnection, body: Buffer, messageId: string, signal: AbortSignal): Promise<string> {
  switch (destination.broker) {
    case "nats":
      return publishNats(connection, destination, body, messageId, signal);
    case "amqp":
      return publishAmqp(connection, destination, body, messageId, signal);
    case "mqtt":
      return publishMqtt(connection, destination, body, messageId, signal);
    case "redis":
      return publishRedis(connection, destination, body, messageId, signal);
  }
}

/** Rejects when `signal` aborts: the timeout, or the attempt being cancelled. */
function aborted(signal: AbortSignal, timeoutMs: number): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new BrokerPublishError(signal.reason instanceof DOMException && signal.reason.name === "TimeoutError" ? `the broker did not confirm within the target's timeout of ${timeoutMs} ms` : "the attempt was cancelled", false));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}
