// What the routes are given by the composition root: the store, services (ingest, replays,
// rules, deliveries, executions) and live config.
// Routes reach for nothing global.
import type { Logger } from "pino";
import type { ActionLookup } from "../functions/index.js";
import type { ExecutionService } from "../engine/index.js";
import type { PackService } from "../packs/index.js";
import type { Clock } from "../core/clock.js";
import type { ReflexConfig } from "../config/types.js";
import type { IngestService } from "../events/ingest-service.js";
import type { SourceRuntime } from "../events/source-runtime.js";
import type { ReplayService } from "../events/replay-service.js";
import type { DeliveryService, RuleService } from "../rules/index.js";
import type { SecretStore } from "../secrets/index.js";
import type { Store } from "../store/open-store.js";
import type { TokenService } from "./auth/token-service.js";
import type { Metrics } from "./metrics.js";

/** Size limits for ingest requests. */
export interface IngestLimits {
  /** Largest single event, serialized (default 1 MiB). */
  maxEventBytes: number;
  /** Largest request body, e.g. a batch (default 10 MiB). */
  maxBatchBytes: number;
}

export interface ServerContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  tokens: TokenService;
  ingest: IngestService;
  replays: ReplayService;
  /** Rules in force, API rule writes, backtests. */
  rules: RuleService;
  /** Deliveries and dead letters. */
  deliveries: DeliveryService;
  /** Workflow executions, approvals, the pause switch and the audit log. */
  executions: ExecutionService;
  /** The actions workflow tasks can run. */
  actions: ActionLookup;
  /** Built-in and installed packs, one action's details, ad hoc action runs. */
  packs: PackService;
  /** Encrypted secrets: set, list and delete (values never leave it through the API). */
  secrets: SecretStore;
  metrics: Metrics;
  limits: IngestLimits;
  authMode: "on" | "off";
  /** The process environment Reflex was started with (drills read `REFLEX_SIM_URL` from it). */
  env: Readonly<Record<string, string | undefined>>;
  /** The configuration in force now. */
  config(): ReflexConfig;
  /** The push sources in force now (adapters compiled, secrets resolved). */
  sources(): ReadonlyMap<string, SourceRuntime>;
  /** False while starting or shutting down. */
  ready(): boolean;
}
