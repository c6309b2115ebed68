// Public API of `config/`: load and validate a directory of YAML config documents, report
// problems as `file:line:col`, and watch the directory for changes.
export { formatProblems } from "./format.js";
export { loadConfigDir } from "./load.js";
export type { ConfigLoadResult } from "./load.js";
export type { ConfigProblem } from "./problem.js";
export { DEFAULT_BUS, emptyConfig } from "./types.js";
export type {
  BusSpec,
  DocumentOrigin,
  EventTypeSpec,
  ReflexConfig,
  SecretRef,
  SourceSpec,
  SourceType,
  ValidationMode,
} from "./types.js";
export { DEFAULT_DEBOUNCE_MS, watchConfig } from "./watch.js";
export type { ConfigWatcher, WatchConfigOptions } from "./watch.js";
