// Public surface of `engine/`: the durable workflow engine (Orquesta's graph semantics on the
// durable queue), its job handlers and the service the API and the CLI use.
export { createWorkflowEngine } from "./workflow-engine.js";
export type { WorkflowEngine } from "./workflow-engine.js";
export { ExecutionService } from "./execution-service.js";
export type { ExecutionFilter } from "./execution-service.js";
export type { EngineActions, EngineDeps, EngineEvent, EngineObserver } from "./engine-deps.js";
export { EngineMetrics } from "./engine-metrics.js";
export type { Answerer, Decision } from "./approvals.js";
export type { StartResult } from "./start-execution.js";
export { ACTIVE_EXECUTION, FINISHED_EXECUTION } from "./statuses.js";
export type { ExecutionStatus, TaskStatus } from "./statuses.js";
export { APPROVAL_TIMEOUT_JOB, TASK_JOB } from "./engine-jobs.js";
