// Publishing the fleet's events to NATS JetStream, the way a relay in front of a team's stream
// would: each event on its subject (broker-subject.ts), acknowledged by the stream that stored
// it, with the event's id as `Nats-Msg-Id` so a retried publish whose acknowledgement was
// lost is dropped by JetStream's duplicate window instead of stored twice. One connection is
// kept between events; the client does not reconnect on its own (a broken connection is
// replaced at the next attempt, after the forwarder's backoff). A subject no stream captures
// is retried too — the stream may be about to be created — with a message that says so.
import { ErrorCode, NatsError, connect, headers } from "nats";
import type { ConnectionOptions, NatsConnection } from "nats";
import type { BrokerTarget, EventPublisher } from "./broker-publisher.js";
import type { AttemptFailure } from "./forward-queue.js";
import { bounded, errorText } from "./broker-publisher.js";
import { eventSubject } from "./broker-subject.js";
import type { SimEmittedEvent } from "./types.js";

/** A publisher to the JetStream of the NATS server at `target.url`. */
export function natsEventPublisher(target: BrokerTarget): EventPublisher {
  const where = `the NATS server at ${target.url.href}`;
  const options: ConnectionOptions = { servers: target.url.host, name: "reflex sim", reconnect: false, timeout: target.connectTimeoutMs };
  if (target.url.protocol === "tls:") options.tls = {};
  if (target.username !== undefined) options.user = target.username;
  if (target.password !== undefined) options.pass = target.password;
  if (target.token !== undefined) options.token = target.token;
  let current: NatsConnection | undefined;
  let opening: Promise<NatsConnection> | undefined;
  let closed = false;

  const connection = (): Promise<NatsConnection> => {
    if (current !== undefined && !current.isClosed()) return Promise.resolve(current);
    opening ??= connect(options)
      .then((nc) => {
        // Opened after close(): nobody will use it.
        if (closed) void nc.close();
        else current = nc;
        return nc;
      })
      .finally(() => {
        opening = undefined;
      });
    return opening;
  };

  return {
    publish: async (event, signal) => {
      const subject = eventSubject(event, target.prefix, "nats");
      let nc: NatsConnection;
      try {
        nc = await bounded(connection(), target.connectTimeoutMs + 1_000, signal, `connecting to ${where}`);
      } catch (err) {
        return { message: `cannot connect to ${where}: ${errorText(err)}`, retrying: true, cause: err };
      }
      const abort = () => void nc.close();
      signal.addEventListener("abort", abort, { once: true });
      try {
        const h = headers();
        h.set("Content-Type", "application/json");
        const id = messageId(event);
        await bounded(nc.jetstream().publish(subject, JSON.stringify(event.body), { headers: h, timeout: target.requestTimeoutMs, ...(id === undefined ? {} : { msgID: id }) }), target.requestTimeoutMs + 1_000, signal, `publishing to '${subject}'`);
        return undefined;
      } catch (err) {
        return failure(err, subject, target.prefix, where);
      } finally {
        signal.removeEventListener("abort", abort);
      }
    },
    close: async () => {
      closed = true;
      const nc = current;
      current = undefined;
      if (nc !== undefined && !nc.isClosed()) await nc.close().catch(() => undefined);
    },
  };
}

/** The event's own id, which JetStream uses to drop a retried copy. */
function messageId(event: SimEmittedEvent): string | undefined {
  const id = event.body.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function failure(err: unknown, subject: string, prefix: string, where: string): AttemptFailure {
  const code = err instanceof NatsError ? err.code : undefined;
  if (code === ErrorCode.NoResponders) {
    return { message: `no JetStream stream on ${where} captures subject '${subject}'; create one, e.g. \`nats stream add SIM --subjects '${prefix}.>'\``, retrying: true, cause: err };
  }
  if (code === ErrorCode.MaxPayloadExceeded) return { message: `the event is larger than ${where} accepts (max_payload); it is skipped`, retrying: false, cause: err };
  return { message: `publishing to '${subject}' on ${where} failed: ${errorText(err)}`, retrying: true, cause: err };
}
