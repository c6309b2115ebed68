// Publishing to a Redis Stream: one XADD with the body in the destination's field; the entry
// id Redis assigns is the confirmation.
import { Redis } from "ioredis";
import { redisOptions } from "./broker-connect.js";
import type { Publisher } from "./publish.js";
import type { PublishDestination } from "./publish-destination.js";

/** Appends one entry to the stream. */
export const publishRedis: Publisher<Extract<PublishDestination, { broker: "redis" }>> = async (connection, destination, body, _messageId, signal) => {
  const redis = new Redis(connection.url, redisOptions(connection, "reflex-queue-target"));
  redis.on("error", () => undefined); // reported through the commands below
  const abort = () => redis.disconnect();
  signal.addEventListener("abort", abort, { once: true });
  try {
    await redis.connect();
    const id = await redis.xadd(destination.stream, "*", destination.field, body);
    return `stream '${destination.stream}' holds it as entry ${id ?? "(no id)"}`;
  } finally {
    signal.removeEventListener("abort", abort);
    redis.disconnect();
  }
};
