// Publishing to RabbitMQ on a confirm channel: persistent, `mandatory` (a message no queue is
// bound for comes back instead of vanishing), with the delivery id as `message-id`; the
// attempt succeeds once the broker confirms it.
import { connect } from "amqplib";
import { amqpOptions } from "./broker-connect.js";
import type { Publisher } from "./publish.js";
import type { PublishDestination } from "./publish-destination.js";

/** Publishes one message and waits for the broker's confirm. */
export const publishAmqp: Publisher<Extract<PublishDestination, { broker: "amqp" }>> = async (connection, destination, body, messageId, signal) => {
  const { options, socket } = amqpOptions(connection, "reflex queue target");
  const model = await connect(options, socket);
  const abort = () => void model.close().catch(() => undefined);
  signal.addEventListener("abort", abort, { once: true });
  model.on("error", () => undefined); // reported through the publish below
  try {
    const channel = await model.createConfirmChannel();
    let returned = false;
    channel.on("return", () => (returned = true));
    channel.publish(destination.exchange, destination.routingKey, body, { persistent: true, mandatory: true, messageId, contentType: "application/json" });
    await channel.waitForConfirms();
    const where = destination.exchange === "" ? `queue '${destination.routingKey}'` : `exchange '${destination.exchange}' with routing key '${destination.routingKey}'`;
    if (returned) throw new Error(`the broker returned the message: no queue is bound for ${where}`);
    return `the broker confirmed the message to ${where}`;
  } finally {
    signal.removeEventListener("abort", abort);
    await model.close().catch(() => undefined);
  }
};
