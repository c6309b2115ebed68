// RabbitMQ (AMQP 0-9-1): a consumer on an existing queue with manual acks and a prefetch of
// `prefetch` unacknowledged messages. A message is acked once its events are stored; when
// storing fails the session ends and its channel closes, which puts every unacked message back
// on the queue. Nodes consuming the same source are competing consumers of one queue. Event
// ids without one derive from the message's `message-id` property when the publisher sets one
// (it should), else from the routing key and body.
import { connect } from "amqplib";
import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";
import { withoutCredentials } from "../config/kinds/source-broker-url.js";
import type { AmqpSourceSpec } from "../config/types.js";
import type { BrokerMessage } from "./broker-message.js";
import { amqpOptions, brokerErrorText } from "./broker-connect.js";
import type { BrokerSession, OpenSession } from "./broker-session.js";
import { sessionEnd } from "./broker-session.js";
import { InFlight } from "./in-flight.js";

/** Opens a queue consumer session for a `type: amqp` source. */
export const openAmqpSession: OpenSession<AmqpSourceSpec> = async ({ spec, connection, receive, logger }) => {
  const { options, socket } = amqpOptions(connection, `reflex source ${spec.name}`);
  let model: ChannelModel;
  try {
    model = await connect(options, socket);
  } catch (err) {
    throw new Error(`cannot connect to AMQP at ${withoutCredentials(spec.connection.url)}: ${brokerErrorText(err, connection)}`, { cause: err });
  }
  const end = sessionEnd();
  let closing = false;
  model.on("error", (err: unknown) => logger.debug({ err: brokerErrorText(err, connection), source: spec.name }, "AMQP connection error"));
  model.on("close", () => {
    if (!closing) end.fail(new Error("the AMQP connection closed"));
  });
  let channel: Channel;
  try {
    channel = await model.createChannel();
    await channel.checkQueue(spec.queue);
    await channel.prefetch(spec.prefetch);
  } catch (err) {
    closing = true;
    await model.close().catch(() => undefined);
    throw new Error(`queue '${spec.queue}' cannot be consumed: ${brokerErrorText(err, connection)}${/NOT_FOUND/.test(String(err)) ? "; declare the queue (durable) on the broker — Reflex consumes it, it does not create it" : ""}`, { cause: err });
  }
  channel.on("error", (err: unknown) => end.fail(new Error(`the AMQP channel failed: ${brokerErrorText(err, connection)}`)));
  channel.on("close", () => {
    if (!closing) end.fail(new Error("the AMQP channel closed"));
  });

  const inFlight = new InFlight(spec.prefetch);
  const handle = async (msg: ConsumeMessage): Promise<void> => {
    try {
      await receive(toBrokerMessage(msg));
      channel.ack(msg);
    } catch (err) {
      // Closing the channel (below) returns this message and every other unacked one to the queue.
      end.fail(err);
    }
  };
  const onMessage = (msg: ConsumeMessage | null): void => {
    if (msg === null) {
      end.fail(new Error(`the broker cancelled the consumer of queue '${spec.queue}' (was the queue deleted?)`));
      return;
    }
    if (closing || end.settled) return;
    void inFlight.add(() => handle(msg));
  };
  let consumerTag: string;
  try {
    ({ consumerTag } = await channel.consume(spec.queue, onMessage, { noAck: false }));
  } catch (err) {
    closing = true;
    await model.close().catch(() => undefined);
    throw new Error(`cannot consume queue '${spec.queue}': ${brokerErrorText(err, connection)}`, { cause: err });
  }

  let closed: Promise<void> | null = null;
  const session: BrokerSession = {
    ended: end.ended,
    close: () =>
      (closed ??= (async () => {
        closing = true;
        await channel.cancel(consumerTag).catch(() => undefined);
        await inFlight.idle();
        await model.close().catch(() => undefined);
        end.resolve();
      })()),
  };
  return session;
};

function toBrokerMessage(msg: ConsumeMessage): BrokerMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(msg.properties.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  const messageId: unknown = msg.properties.messageId;
  return {
    key: typeof messageId === "string" && messageId !== "" ? { messageId } : null,
    body: msg.content,
    topic: msg.fields.routingKey,
    headers,
  };
}
