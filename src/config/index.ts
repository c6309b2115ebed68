// Public API of `config/`: load and validate a directory of YAML config documents, report
// problems as `file:line:col`, watch the directory for changes, and check one rule given as
// JSON (the HTTP API's path for rules). Workflow specs are the engine's input.
export type { ActionCatalog } from "./action-catalog.js";
export { formatProblems } from "./format.js";
export { loadConfigDir } from "./load.js";
export type { ConfigLoadResult, LoadConfigOptions } from "./load.js";
export type { ConfigProblem } from "./problem.js";
export { DEFAULT_BUS, emptyConfig } from "./types.js";
export type {
  BusSpec,
  ChannelSpec,
  ChannelType,
  DedupeSpec,
  DocumentOrigin,
  EventTypeSpec,
  GroupSpec,
  HttpMethod,
  HttpTargetSpec,
  NotifyTargetSpec,
  ReflexConfig,
  RetrySpec,
  RuleSpec,
  SecretRef,
  SourceSpec,
  SourceType,
  TargetSpec,
  ThrottleSpec,
  ValidationMode,
  WorkflowTargetSpec,
} from "./types.js";
export { validateRuleDocument } from "./kinds/rule.js";
export type { RuleDocumentOptions, RuleDocumentProblem } from "./kinds/rule.js";
export {
  DEFAULT_EXPECT_STATUS,
  DEFAULT_GROUP_MAX,
  DEFAULT_RETRY,
  DEFAULT_SIGNATURE_HEADER,
  DEFAULT_TIMEOUT_MS,
  MAX_GROUP_SIZE,
  MAX_TARGETS,
  MAX_TIMEOUT_MS,
} from "./kinds/rule-defaults.js";
export { DEFAULT_DEBOUNCE_MS, watchConfig } from "./watch.js";
export { ENGINE_COMMANDS } from "./workflow-types.js";
export type {
  BudgetSpec,
  CircuitBreakerSpec,
  ConcurrencySpec,
  EngineCommand,
  // `RetrySpec` above is a rule target's delivery retry; a task's retry is another shape.
  RetrySpec as TaskRetrySpec,
  TaskSpec,
  TransitionSpec,
  WithItemsSpec,
  WorkflowInputSpec,
  WorkflowSpec,
} from "./workflow-types.js";
export type { ConfigWatcher, WatchConfigOptions } from "./watch.js";
