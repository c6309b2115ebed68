// Public API of `actions/`: the action interface a pack implements, the registry the engine and
// the config loader consult, the `core`, `tencent` and `aliyun` packs, and the bounded,
// redacting task log.
export { ActionError } from "./action-error.js";
export type { ActionContext, ActionDefinition, ActionLog } from "./types.js";
export { ActionRegistry } from "./registry.js";
export type { AnyActionDefinition } from "./registry.js";
export { DURATION_FORMAT } from "../core/duration.js";
export { coreActions, createCoreRegistry } from "./core/pack.js";
export type { CorePackOptions } from "./core/pack.js";
export { APPROVE_ACTION } from "./core/approve.js";
export type { ApproveInput } from "./core/approve.js";
export type { HttpInput } from "./core/http.js";
export type { HttpResult } from "./core/http-response.js";
export type { ShellInput, ShellOptions, ShellResult } from "./core/shell.js";
export { builtinActions } from "./builtin.js";
export { createTencentPack } from "./tencent/pack.js";
export type { TencentPackOptions } from "./tencent/pack.js";
export { createAliyunPack } from "./aliyun/pack.js";
export type { AliyunPackOptions } from "./aliyun/pack.js";
export { DEFAULT_TASK_LOG_LIMITS, TaskLog } from "./task-log.js";
export type { LogEntry, LogStream, TaskLogLimits, TaskLogOptions } from "./task-log.js";
export { REDACTED, redactor } from "../core/redact.js";
export type { Redactor } from "../core/redact.js";
