// Public API of `sources/`: the broker sources a node consumes (NATS JetStream, RabbitMQ,
// MQTT, Redis Streams), kept in step with the configuration by a SourceManager, and the
// publishing side the `queue` rule target uses.
export { createSourceManager, SourceManager } from "./source-manager.js";
export type { SourceManagerOptions } from "./source-manager.js";
export type { SourceState, SourceStatus } from "./source-consumer.js";
export type { IngestPort, ReceiveOutcome } from "./receive.js";
export { BrokerPublishError, publishToBroker } from "./publish.js";
export type { OutgoingMessage, PublishContext } from "./publish.js";
export { publishDestination } from "./publish-destination.js";
export type { DestinationProblem, PublishDestination } from "./publish-destination.js";
