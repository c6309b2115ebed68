// Delivers the simulated clouds' events into a message broker instead of Reflex's HTTP ingest,
// for teams whose cloud events reach them through a queue (Tencent EventBridge or Alibaba
// CloudMonitor relayed into NATS or MQTT): each event, in emission order, published unchanged
// (the vendor's body) on its subject or topic (broker-subject.ts), and counted delivered only
// once the broker acknowledged it — JetStream's publish ack (the stream stored it) or MQTT's
// PUBACK. While the broker is down the same event is retried with backoff and the ones behind
// it wait; close() is bounded. The broker is picked by the URL's scheme.
import { ValidationError } from "../core/errors.js";
import type { EventForwarder, ForwardError } from "./event-forwarder.js";
import type { BrokerTarget, EventPublisher } from "./broker-publisher.js";
import { DEFAULT_SUBJECT_PREFIX, checkSubjectPrefix } from "./broker-subject.js";
import type { SubjectStyle } from "./broker-subject.js";
import { startForwardQueue } from "./forward-queue.js";
import { mqttEventPublisher } from "./mqtt-event-publisher.js";
import { natsEventPublisher } from "./nats-event-publisher.js";
import type { SimFleetApi } from "./types.js";

/** Where and how to publish. */
export interface BrokerForwardOptions {
  /**
   * The broker: `nats://host:4222` or `tls://…` (JetStream), `mqtt://host:1883`, `mqtts://`,
   * `ws://`, `wss://` (MQTT). Credentials may be in the URL (`nats://user:pass@host`,
   * `nats://TOKEN@host`).
   */
  url: string;
  /** Subject (NATS, dot-separated) or topic (MQTT, slash-separated) prefix; default `sim`. */
  prefix?: string;
  /** A NATS token (instead of credentials in the URL). */
  token?: string;
  /** Told of every failed attempt (ForwardError says whether it will be retried). */
  onError?: (error: ForwardError) => void;
  /** How long close() waits for the publish in flight, and then for the connection to close (default 2,000 ms each). */
  closeTimeoutMs?: number;
  /** Longest wait for a connection (default 5,000 ms). */
  connectTimeoutMs?: number;
  /** Longest wait for the broker's acknowledgement of one event (default 10,000 ms). */
  requestTimeoutMs?: number;
  /** Most events kept waiting while the broker is unreachable; the oldest waiting one is dropped beyond (default 10,000). */
  maxBacklog?: number;
}

/** The URL schemes of each broker. */
const SCHEMES: Record<string, SubjectStyle> = {
  "nats:": "nats",
  "tls:": "nats",
  "mqtt:": "mqtt",
  "mqtts:": "mqtt",
  "ws:": "mqtt",
  "wss:": "mqtt",
};

/** The broker `url` names by its scheme (`nats` for nats:// and tls://, `mqtt` for mqtt://, mqtts://, ws://, wss://), or undefined. */
export function brokerOfUrl(url: string): SubjectStyle | undefined {
  if (!URL.canParse(url)) return undefined;
  const protocol = new URL(url).protocol;
  return Object.hasOwn(SCHEMES, protocol) ? SCHEMES[protocol] : undefined;
}

/** Whether `url` names a broker this forwarder publishes to (by its scheme). */
export function isBrokerUrl(url: string): boolean {
  return brokerOfUrl(url) !== undefined;
}

/** Publishes every event `fleet` emits from now on to the broker at `options.url`. Throws a ValidationError for an unusable URL or prefix. */
export function forwardEventsToBroker(fleet: SimFleetApi, options: BrokerForwardOptions): EventForwarder {
  const target = brokerTarget(options);
  const style = SCHEMES[target.url.protocol] ?? "nats";
  const publisher: EventPublisher = style === "nats" ? natsEventPublisher(target) : mqttEventPublisher(target);
  const closeTimeoutMs = options.closeTimeoutMs ?? 2_000;
  return startForwardQueue(fleet, publisher.publish, {
    ...(options.onError ? { onError: options.onError } : {}),
    closeTimeoutMs,
    maxBacklog: options.maxBacklog ?? 10_000,
    target: `the ${style === "nats" ? "NATS server" : "MQTT broker"} at ${target.url.href}`,
    release: () => withTimeout(publisher.close(), closeTimeoutMs),
  });
}

/** The URL and prefix checked, credentials taken out of the URL. */
function brokerTarget(options: BrokerForwardOptions): BrokerTarget {
  if (!URL.canParse(options.url)) throw new ValidationError(`url: '${options.url}' is not a URL; give e.g. nats://127.0.0.1:4222 or mqtt://127.0.0.1:1883`, { pointer: "/url" });
  const url = new URL(options.url);
  const style = SCHEMES[url.protocol];
  if (style === undefined) throw new ValidationError(`url: '${url.protocol}' is not a broker scheme; use nats:// or tls:// (NATS JetStream), mqtt://, mqtts://, ws:// or wss:// (MQTT)`, { pointer: "/url" });
  if (url.hostname === "") throw new ValidationError(`url: '${options.url}' names no host`, { pointer: "/url" });
  const username = url.username === "" ? undefined : decodeURIComponent(url.username);
  const password = url.password === "" ? undefined : decodeURIComponent(url.password);
  url.username = "";
  url.password = "";
  const target: BrokerTarget = {
    url,
    prefix: checkSubjectPrefix(options.prefix ?? DEFAULT_SUBJECT_PREFIX, style),
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
  };
  // NATS reads `nats://TOKEN@host` as a token; `nats://user:pass@host` as a user and password.
  if (style === "nats" && username !== undefined && password === undefined) target.token = username;
  else {
    if (username !== undefined) target.username = username;
    if (password !== undefined) target.password = password;
  }
  if (options.token !== undefined) {
    if (style === "mqtt") throw new ValidationError("token: MQTT has no tokens; put the user and password in the URL (mqtt://user:pass@host:1883)", { pointer: "/token" });
    target.token = options.token;
  }
  return target;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}
