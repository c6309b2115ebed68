// Public API of `rules/`: the rules engine (match at ingest, dispatch through throttle, dedupe
// and group, deliveries with retries and dead letters), and the pieces the server, the CLI
// and tests use on their own.
export { createRuleEngine } from "./rule-engine.js";
export type { RuleEngine, RuleEngineOptions } from "./rule-engine.js";
export { RuleRegistry } from "./rule-registry.js";
export type { ApiRule } from "./rule-registry.js";
export { ApiRuleSync, DEFAULT_RULES_POLL_MS } from "./api-rule-sync.js";
export { RuleOutbox, dispatchJob } from "./rule-outbox.js";
export { RuleService, RuleInvalidError } from "./rule-service.js";
export { DeliveryService, DELIVERY_STATUSES } from "./delivery-service.js";
export type { DeliveryQuery } from "./delivery-service.js";
export { eventLineage } from "./lineage.js";
export { backtest, DEFAULT_BACKTEST_LIMITS } from "./backtest.js";
export type { BacktestLimits } from "./backtest.js";
export { RuleMetrics } from "./rule-metrics.js";
export type { AttemptOutcome, RuleObserver } from "./rule-observer.js";
export { compileRule, ruleSpecHash } from "./compiled-rule.js";
export type { CompiledRule, CompiledTarget, RuleOrigin } from "./compiled-rule.js";
export { DELIVER_JOB, DISPATCH_JOB, FLUSH_GROUP_JOB, RULES_QUEUE, WORKFLOWS_QUEUE, WORKFLOW_START_JOB } from "./job-kinds.js";
export type { MatchStatus } from "./apply-match.js";
export { RULE_HISTORY_RETENTION_MS, pruneRuleHistory } from "./prune-history.js";
