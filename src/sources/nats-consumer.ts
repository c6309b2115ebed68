// NATS JetStream: a durable pull consumer with explicit acks on an existing stream. Reflex
// creates the durable consumer when it is missing (from the start of the stream, filtered by
// `subject` when given), so nothing published before its first start is skipped; nodes that
// consume the same source share that durable consumer, so the stream's messages are spread
// over them. A message is acked once its events are stored; when storing fails it is nak'ed
// and the session ends (the loop reconnects after its backoff). A message in flight when the
// process dies is redelivered by the server after `ackWait`. Event ids without one derive
// from the stream sequence and the stored timestamp, the same on every redelivery.
import { AckPolicy, DeliverPolicy, NatsError, connect, nanos } from "nats";
import type { JetStreamManager, JsMsg, NatsConnection } from "nats";
import { withoutCredentials } from "../config/kinds/source-broker-url.js";
import type { NatsSourceSpec } from "../config/types.js";
import { ReflexError } from "../core/errors.js";
import type { BrokerMessage } from "./broker-message.js";
import { brokerErrorText, natsOptions } from "./broker-connect.js";
import type { BrokerSession, OpenSession } from "./broker-session.js";
import { sessionEnd } from "./broker-session.js";
import { InFlight } from "./in-flight.js";

/** How long one pull waits for its batch to fill; also the longest a close waits for a pull. */
const FETCH_EXPIRES_MS = 1_000;

/** JetStream's error code for a stream that does not exist. */
const STREAM_NOT_FOUND = 10059;
/** JetStream's error code for a consumer that does not exist. */
const CONSUMER_NOT_FOUND = 10014;

/** The source's stream is missing on the server; Reflex creates consumers, not streams. */
class NatsSetupError extends ReflexError {
  constructor(message: string) {
    super("nats_setup", message);
  }
}

/** Opens a JetStream consumer session for a `type: nats` source. */
export const openNatsSession: OpenSession<NatsSourceSpec> = async ({ spec, connection, receive, logger }) => {
  let nc: NatsConnection;
  try {
    nc = await connect(natsOptions(connection, `reflex source ${spec.name}`));
  } catch (err) {
    throw new Error(`cannot connect to NATS at ${withoutCredentials(spec.connection.url)}: ${brokerErrorText(err, connection)}`, { cause: err });
  }
  try {
    await ensureConsumer(await nc.jetstreamManager(), spec);
    const consumer = await nc.jetstream().consumers.get(spec.stream, spec.consumer);
    const end = sessionEnd();
    const inFlight = new InFlight(spec.prefetch);
    let closing = false;

    const handle = async (m: JsMsg): Promise<void> => {
      try {
        await receive(toBrokerMessage(m));
        m.ack();
      } catch (err) {
        m.nak();
        end.fail(err);
      }
    };
    // Pull in batches of `prefetch`; a batch ends when full or after FETCH_EXPIRES_MS. Once the
    // session is closing or failed, what is left of the batch is nak'ed, so the server
    // redelivers it at once instead of after `ackWait`.
    const pulling = (async () => {
      try {
        while (!closing && !end.settled) {
          const batch = await consumer.fetch({ max_messages: spec.prefetch, expires: FETCH_EXPIRES_MS });
          for await (const m of batch) {
            if (closing || end.settled) m.nak();
            else await inFlight.add(() => handle(m));
          }
        }
      } catch (err) {
        end.fail(new Error(`the JetStream consumer '${spec.consumer}' on stream '${spec.stream}' stopped: ${brokerErrorText(err, connection)}`, { cause: err }));
      }
      await inFlight.idle();
    })();
    void nc.closed().then((err) => {
      if (!closing) end.fail(new Error(`the NATS connection closed${err ? `: ${brokerErrorText(err, connection)}` : ""}`));
    });

    let closed: Promise<void> | null = null;
    const session: BrokerSession = {
      ended: end.ended,
      close: () =>
        (closed ??= (async () => {
          closing = true;
          await pulling;
          // Drain sends the acks still buffered before closing.
          await nc.drain().catch((err: unknown) => logger.debug({ err: brokerErrorText(err, connection) }, "NATS drain failed"));
          end.resolve();
        })()),
    };
    return session;
  } catch (err) {
    await nc.close();
    throw err instanceof ReflexError ? err : new Error(`JetStream consumer '${spec.consumer}' on stream '${spec.stream}': ${brokerErrorText(err, connection)}`, { cause: err });
  }
};

/** Creates the durable consumer when it is missing; an existing one is used as it is. */
async function ensureConsumer(jsm: JetStreamManager, spec: NatsSourceSpec): Promise<void> {
  try {
    await jsm.consumers.info(spec.stream, spec.consumer);
    return;
  } catch (err) {
    if (jsErrorCode(err) === STREAM_NOT_FOUND) throw missingStream(spec);
    if (jsErrorCode(err) !== CONSUMER_NOT_FOUND) throw err;
  }
  try {
    await jsm.consumers.add(spec.stream, {
      durable_name: spec.consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(spec.ackWaitMs),
      max_ack_pending: Math.max(1000, spec.prefetch * 4),
      ...(spec.subject === undefined ? {} : { filter_subject: spec.subject }),
    });
  } catch (err) {
    if (jsErrorCode(err) === STREAM_NOT_FOUND) throw missingStream(spec);
    throw err;
  }
}

function missingStream(spec: NatsSourceSpec): NatsSetupError {
  return new NatsSetupError(`JetStream stream '${spec.stream}' does not exist; create it (e.g. \`nats stream add ${spec.stream} --subjects '${spec.subject ?? `${spec.stream.toLowerCase()}.>`}'\`) — Reflex creates only its durable consumer`);
}

function jsErrorCode(err: unknown): number | undefined {
  return err instanceof NatsError ? err.jsError()?.err_code : undefined;
}

function toBrokerMessage(m: JsMsg): BrokerMessage {
  const headers: Record<string, string> = {};
  for (const name of m.headers?.keys() ?? []) headers[name] = m.headers?.get(name) ?? "";
  return {
    key: { stream: m.info.stream, seq: m.seq, ts: m.info.timestampNanos },
    body: Buffer.from(m.data),
    topic: m.subject,
    headers,
  };
}
