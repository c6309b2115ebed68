// The broker sources a node consumes, kept in step with the configuration in force: on each
// configuration applied, sources that appeared start, sources that went away stop, and sources
// whose settings changed restart with the new ones; the others keep their connection. Changes
// are applied one after another, in the order they were given. Pull consumers belong on worker
// nodes: several nodes consuming one source share its messages (a NATS durable consumer, an
// AMQP queue, a Redis consumer group, an MQTT shared subscription with `group`).
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { BrokerSourceSpec } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/clock.js";
import type { SecretResolver } from "../core/secrets.js";
import { openAmqpSession } from "./amqp-consumer.js";
import type { OpenSession } from "./broker-session.js";
import { createMessageDecoder } from "./message-events.js";
import { openMqttSession } from "./mqtt-consumer.js";
import { openNatsSession } from "./nats-consumer.js";
import type { IngestPort } from "./receive.js";
import { createReceiver } from "./receive.js";
import type { BackoffBounds } from "./reconnect-backoff.js";
import { openRedisSession } from "./redis-consumer.js";
import { SourceConsumer } from "./source-consumer.js";
import type { SourceStatus } from "./source-consumer.js";
import { SourceMetrics } from "./source-metrics.js";

/** What the manager needs. */
export interface SourceManagerOptions {
  /** Where events are stored (the node's IngestService). */
  ingest: IngestPort;
  /** Resolves `{{ secrets.NAME }}` in credentials, at each connection. */
  secrets: SecretResolver;
  /** Read by `{env: NAME}` credentials. */
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** The registry `/metrics` serves. */
  registry: Registry;
  clock?: Clock;
  /** This node's stable id (Redis consumer name, shared MQTT client id); default: the host name. */
  nodeId?: string;
  backoff?: BackoffBounds;
}

/** Opens a session for any broker source. */
const openSession: OpenSession = (context) => {
  const { spec } = context;
  switch (spec.type) {
    case "nats":
      return openNatsSession({ ...context, spec });
    case "amqp":
      return openAmqpSession({ ...context, spec });
    case "mqtt":
      return openMqttSession({ ...context, spec });
    case "redis":
      return openRedisSession({ ...context, spec });
  }
};

export class SourceManager {
  private readonly consumers = new Map<string, { settings: string; consumer: SourceConsumer }>();
  private readonly metrics: SourceMetrics;
  private readonly clock: Clock;
  private readonly nodeId: string;
  private changes: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: SourceManagerOptions) {
    this.clock = options.clock ?? systemClock;
    this.nodeId = options.nodeId ?? hostname();
    this.metrics = new SourceMetrics(options.registry, () => this.status());
  }

  /** Brings the running consumers in line with `sources` (the config's `brokerSources`); resolves once done. */
  apply(sources: ReadonlyMap<string, BrokerSourceSpec>): Promise<void> {
    this.changes = this.changes.then(() => this.reconcile(sources));
    return this.changes;
  }

  /** Every source's consumer, by name. */
  status(): SourceStatus[] {
    return [...this.consumers.values()].map(({ consumer }) => consumer.status()).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Stops every consumer (messages being stored are finished and acknowledged first). */
  close(): Promise<void> {
    this.closed = true;
    return this.apply(new Map());
  }

  private async reconcile(sources: ReadonlyMap<string, BrokerSourceSpec>): Promise<void> {
    const wanted = this.closed ? new Map<string, BrokerSourceSpec>() : sources;
    const stopping: Promise<void>[] = [];
    for (const [name, running] of this.consumers) {
      const spec = wanted.get(name);
      if (spec !== undefined && JSON.stringify(spec) === running.settings) continue;
      this.consumers.delete(name);
      this.options.logger.info({ source: name }, spec === undefined ? `source '${name}' removed; stopping its consumer` : `source '${name}' changed; restarting its consumer`);
      stopping.push(running.consumer.stop());
    }
    await Promise.all(stopping);
    for (const [name, spec] of wanted) {
      if (this.consumers.has(name)) continue;
      const consumer = this.consumerFor(spec);
      this.consumers.set(name, { settings: JSON.stringify(spec), consumer });
      consumer.start();
    }
  }

  private consumerFor(spec: BrokerSourceSpec): SourceConsumer {
    const { options } = this;
    const logger = options.logger;
    const receive = createReceiver({ spec, decode: createMessageDecoder(spec), ingest: options.ingest, observer: this.metrics, clock: this.clock, logger });
    return new SourceConsumer(spec, {
      open: openSession,
      receive,
      credentials: { env: options.env, secrets: options.secrets },
      nodeId: this.nodeId,
      logger,
      clock: this.clock,
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    });
  }
}

/** The broker-source manager of a node; `apply` it the configuration in force, `close` it on shutdown. */
export function createSourceManager(options: SourceManagerOptions): SourceManager {
  return new SourceManager(options);
}
