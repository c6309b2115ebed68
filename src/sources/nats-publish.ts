// Publishing to NATS through JetStream: the server answers with the stream and sequence it
// stored the message at, so a delivery counts only once it is durable. The message id is the
// delivery's (`Nats-Msg-Id`), so JetStream drops a retried attempt's copy within its
// duplicate window. A subject no stream captures is an error that says so.
import { connect, headers } from "nats";
import type { NatsConnection } from "nats";
import { natsOptions } from "./broker-connect.js";
import type { Publisher } from "./publish.js";
import type { PublishDestination } from "./publish-destination.js";

/** Publishes one message through JetStream. */
export const publishNats: Publisher<Extract<PublishDestination, { broker: "nats" }>> = async (connection, destination, body, messageId, signal) => {
  const nc: NatsConnection = await connect(natsOptions(connection, "reflex queue target"));
  const abort = () => void nc.close();
  signal.addEventListener("abort", abort, { once: true });
  try {
    const h = headers();
    h.set("Content-Type", "application/json");
    try {
      const ack = await nc.jetstream().publish(destination.subject, body, { msgID: messageId, headers: h });
      return `JetStream stream ${ack.stream} stored it at sequence ${ack.seq}${ack.duplicate ? " (a duplicate of an earlier attempt)" : ""}`;
    } catch (err) {
      if (/no responders|503/.test(String(err))) throw new Error(`no JetStream stream captures subject '${destination.subject}'; add the subject to a stream`, { cause: err });
      throw err;
    }
  } finally {
    signal.removeEventListener("abort", abort);
    if (!nc.isClosed()) await nc.close();
  }
};
