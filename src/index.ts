// The public library API of the `reflex` package (`import { … } from "reflex"`). Everything
// not exported here is internal and may change without notice.

export { startReflex, ConfigInvalidError } from "./app.js";
export type { ReflexOptions, RunningReflex, Role } from "./app.js";

export { ReflexError, ValidationError, NotFoundError, ConflictError } from "./core/errors.js";
export type { ErrorLocation } from "./core/errors.js";
export type { CloudEvent, StoredEvent, IngestResult } from "./core/event.js";
export type { JsonValue, JsonObject, JsonPrimitive } from "./core/json.js";
export type { Clock } from "./core/clock.js";
export { systemClock, ManualClock } from "./core/clock.js";
export { parseDuration } from "./core/duration.js";

export { normalizeEvent } from "./events/normalize.js";
export { parseIngestRequest } from "./events/http-modes.js";
export type { IngestItem } from "./events/http-modes.js";
export { adapters, createWebhookAdapter } from "./events/adapters/index.js";
export type { Adapter } from "./events/adapters/index.js";
export { EventTypeRegistry } from "./events/event-types.js";

export { compileTemplate, compileExpression, TemplateError } from "./expr/index.js";
export type { CompiledTemplate, CompiledExpression } from "./expr/index.js";

export { compilePattern, validatePattern, explainPattern, RuleIndex, PatternError, PATTERN_LIMITS } from "./patterns/index.js";
export type { CompiledPattern, ConditionOutcome, PatternExplanation, PatternProblem, PatternDialect, PatternOptions } from "./patterns/index.js";

export { loadConfigDir, formatProblems, watchConfig, validateRuleDocument } from "./config/index.js";
export type { ConfigProblem, ConfigLoadResult } from "./config/index.js";
export type { BusSpec, EventTypeSpec, SourceSpec, RuleSpec, TargetSpec, ChannelSpec, ReflexConfig } from "./config/types.js";

export { openStore } from "./store/open-store.js";
export type { Store, StoreOptions } from "./store/open-store.js";

export { startSimulator } from "./sim/server.js";
export type { SimulatorOptions, RunningSimulator } from "./sim/server.js";
export { createFleet } from "./sim/fleet.js";
export type { SimFleetOptions } from "./sim/fleet.js";
export { forwardEvents } from "./sim/event-forwarder.js";
export { SimControlClient } from "./sim/control-client.js";
export { SIM_FAULT_KINDS, DEFAULT_SIM_TIMINGS, SimOperationError } from "./sim/types.js";
export type { SimCloud, SimFaultKind, SimFault, SimInstance, SimInstanceSpec, SimTimings, SimFleetApi, SimEmittedEvent, SimChatMessage, SimCredentials } from "./sim/types.js";
