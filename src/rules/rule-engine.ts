// The rules engine assembled: the registry of rules in force, the poll that keeps API rules in
// step across nodes, the outbox that attaches dispatch jobs at ingest (and feeds replays), the
// job handlers, and the services behind the rules and deliveries API. The composition root
// builds one per process and wires its parts in.
import { ChannelSender } from "../channels/index.js";
import type { ReflexConfig } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import { NO_SECRETS } from "../core/secrets.js";
import type { SecretResolver } from "../core/secrets.js";
import type { JobHandler } from "../queue/job-handler.js";
import type { Store } from "../store/open-store.js";
import { ApiRuleSync } from "./api-rule-sync.js";
import { deliverHandler } from "./deliver-handler.js";
import { DeliveryService } from "./delivery-service.js";
import { dispatchHandler } from "./dispatch-handler.js";
import { flushGroupHandler } from "./flush-group-handler.js";
import { DELIVER_JOB, DISPATCH_JOB, FLUSH_GROUP_JOB } from "./job-kinds.js";
import type { RuleObserver } from "./rule-observer.js";
import { quietObserver } from "./rule-observer.js";
import { RuleOutbox } from "./rule-outbox.js";
import { RuleRegistry } from "./rule-registry.js";
import { RuleService } from "./rule-service.js";
import type { FunctionCaller } from "./run-target.js";

export interface RuleEngineOptions {
  store: Store;
  clock: Clock;
  /** Where `{env: NAME}` secrets are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** The configuration in force (channels, buses). */
  config(): ReflexConfig;
  /** Hears about rules set aside and failed polls. */
  warn(message: string): void;
  observer?: RuleObserver;
  /** How often to look for API rule changes; see DEFAULT_RULES_POLL_MS. */
  pollMs?: number;
  /**
   * Sends notify deliveries' messages (share the one the `core.notify` action uses); default:
   * a sender on this store with no secret store, so `{{ secrets.NAME }}` settings fail.
   */
  notifier?: ChannelSender;
  /** Runs `function` targets' Functions (`createFunctionCaller` in `functions/`); without it they fail for good. */
  functions?: FunctionCaller;
  /** Fills `{{ secrets.NAME }}` references of targets at each attempt; none by default. */
  secrets?: SecretResolver;
}

export interface RuleEngine {
  readonly registry: RuleRegistry;
  readonly sync: ApiRuleSync;
  /** For the ingest service (outbox) and the replay service (target). */
  readonly outbox: RuleOutbox;
  /** Job handlers by kind, for a worker claiming RULES_QUEUE. */
  readonly handlers: Record<string, JobHandler>;
  readonly rules: RuleService;
  readonly deliveries: DeliveryService;
  /** Sets what to call when this process queued rules jobs (the local worker's `wake`). */
  onQueued(listener: () => void): void;
}

/** Builds the rules engine; call `sync.start()` before serving, `sync.stop()` on shutdown. */
export function createRuleEngine(options: RuleEngineOptions): RuleEngine {
  const { store, clock } = options;
  let wake: () => void = () => undefined;
  const queued = () => wake();
  const registry = new RuleRegistry(options.warn);
  const sync = new ApiRuleSync(store.db, registry, (err) => options.warn(`reading API rules failed: ${err instanceof Error ? err.message : String(err)}`), options.pollMs);
  const channels = () => options.config().channels;
  const brokerSources = () => options.config().brokerSources;
  const observer = options.observer ?? quietObserver;
  const deps = { store, clock, registry, channels, brokerSources, observer, created: queued };
  return {
    registry,
    sync,
    outbox: new RuleOutbox(registry, store, clock, queued),
    handlers: {
      [DISPATCH_JOB]: dispatchHandler(deps),
      [FLUSH_GROUP_JOB]: flushGroupHandler(deps),
      [DELIVER_JOB]: deliverHandler({ store, clock, env: options.env, observer, queued, notifier: options.notifier ?? new ChannelSender({ store, clock, env: options.env, secrets: options.secrets ?? NO_SECRETS }), functions: options.functions, secrets: options.secrets }),
    },
    rules: new RuleService({ store, clock, registry, sync, config: options.config }),
    deliveries: new DeliveryService({ store, clock, registry, channels, brokerSources, queued }),
    onQueued(listener) {
      wake = listener;
    },
  };
}
