// How each broker's client is told where to connect and as whom, from a resolved connection;
// shared by the consumers and the `queue` target's publishers. Clients never reconnect on
// their own: the consumer loop does, with its backoff, so there is one reconnect policy and
// one place that logs it. Client errors pass through `brokerErrorText`, which hides any
// credential a client might repeat.
import type { Options as AmqpOptions } from "amqplib";
import type { IClientOptions } from "mqtt";
import type { ConnectionOptions } from "nats";
import type { RedisOptions } from "ioredis";
import { redactor } from "../core/redact.js";
import type { ResolvedConnection } from "./credentials.js";

/** Time a connection may take to be established. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** NATS client options; `name` shows in the server's connection list. */
export function natsOptions(c: ResolvedConnection, name: string): ConnectionOptions {
  const options: ConnectionOptions = { servers: c.url, name, reconnect: false, timeout: CONNECT_TIMEOUT_MS };
  if (c.username !== undefined) options.user = c.username;
  if (c.password !== undefined) options.pass = c.password;
  if (c.token !== undefined) options.token = c.token;
  return options;
}

/** amqplib connect options: the URL's parts, with the credentials given apart taking precedence. */
export function amqpOptions(c: ResolvedConnection, name: string): { options: AmqpOptions.Connect; socket: { timeout: number; servername?: string; clientProperties: Record<string, string> } } {
  const url = new URL(c.url);
  const tls = url.protocol === "amqps:";
  const path = url.pathname.replace(/^\//, "");
  const options: AmqpOptions.Connect = {
    protocol: tls ? "amqps" : "amqp",
    hostname: url.hostname,
    port: url.port === "" ? (tls ? 5671 : 5672) : Number(url.port),
    username: c.username ?? (url.username === "" ? "guest" : decodeURIComponent(url.username)),
    password: c.password ?? (url.password === "" ? "guest" : decodeURIComponent(url.password)),
    vhost: path === "" ? "/" : decodeURIComponent(path),
    heartbeat: 30,
  };
  return { options, socket: { timeout: CONNECT_TIMEOUT_MS, ...(tls ? { servername: url.hostname } : {}), clientProperties: { connection_name: name } } };
}

/** mqtt.js options common to consumers and publishers. */
export function mqttOptions(c: ResolvedConnection): IClientOptions {
  const options: IClientOptions = { reconnectPeriod: 0, connectTimeout: CONNECT_TIMEOUT_MS, protocolVersion: 5 };
  if (c.username !== undefined) options.username = c.username;
  if (c.password !== undefined) options.password = c.password;
  return options;
}

/** ioredis options: connect when told, fail commands at once while disconnected or unanswered, never retry. */
export function redisOptions(c: ResolvedConnection, name: string): RedisOptions {
  const options: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Longer than a consumer's blocking read (2 s), so only a server that stopped answering trips it.
    commandTimeout: CONNECT_TIMEOUT_MS,
    connectionName: name.replace(/\s/g, "_"),
  };
  if (c.username !== undefined) options.username = c.username;
  if (c.password !== undefined) options.password = c.password;
  return options;
}

/** A client's error as text, with the connection's credentials hidden. */
export function brokerErrorText(err: unknown, c: ResolvedConnection): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return redactor(c.secretValues)(text);
}
