// The composition root: builds the store, the live configuration, the services (the rules
// engine among them), the worker and the HTTP server for the roles this process plays (`api`,
// `worker`, `scheduler`; all by default), and shuts them down in order. Nothing below reaches
// for a global; all is passed in.
import type { FastifyInstance } from "fastify";
import { builtinActions } from "./actions/index.js";
import { ActionRunner, PackCatalog, PackService, loadConfigWithPacks, setUpPacks } from "./packs/index.js";
import { FunctionActions, actionsWithFunctions, createFunctionCaller } from "./functions/index.js";
import { createSourceManager } from "./sources/index.js";
import { ChannelSender, NOTIFICATION_RETENTION_MS, createNotifyAction, pruneNotifications } from "./channels/index.js";
import { pino } from "pino";
import type { Logger } from "pino";
import { systemClock } from "./core/clock.js";
import type { Clock } from "./core/clock.js";
import { ReflexError } from "./core/errors.js";
import { WORKFLOWS_QUEUE } from "./core/workflow-jobs.js";
import { formatProblems } from "./config/format.js";
import { emptyConfig } from "./config/types.js";
import type { ReflexConfig } from "./config/types.js";
import { newId } from "./core/ids.js";
import { watchConfig } from "./config/watch.js";
import { EventWriter } from "./events/event-writer.js";
import { IngestService } from "./events/ingest-service.js";
import { EngineMetrics, createWorkflowEngine } from "./engine/index.js";
import { REPLAY_JOB, ReplayService } from "./events/replay-service.js";
import { sweepRetention } from "./events/retention.js";
import { LiveConfig } from "./live-config.js";
import { pruneFinishedJobs } from "./queue/prune.js";
import { queueDepth } from "./queue/read-jobs.js";
import { Worker } from "./queue/worker.js";
import { RULES_QUEUE, RuleMetrics, createRuleEngine, pruneRuleHistory } from "./rules/index.js";
import { TokenService } from "./server/auth/token-service.js";
import { VERSION, buildServer } from "./server/build-server.js";
import { Metrics } from "./server/metrics.js";
import { openStore } from "./store/open-store.js";
import { asTheScheduler } from "./store/scheduler-lock.js";
import { ProbeMetrics, ProbeRunner, readProbeStates } from "./sources/probes/index.js";
import { Scheduler } from "./sources/schedules/index.js";
import { createSecretStore } from "./secrets/index.js";
import type { Store } from "./store/open-store.js";

export type Role = "api" | "worker" | "scheduler";

export interface ReflexOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema (REFLEX_DB_SCHEMA). */
  dbSchema?: string;
  /** Directory of YAML config; none means the default bus only. */
  configDir?: string;
  roles?: ReadonlySet<Role>;
  /** `off` lets reads through without a token (local use); writes always need one. */
  authMode?: "on" | "off";
  /** Registered as an admin token on start (REFLEX_ADMIN_TOKEN). */
  adminToken?: string;
  maxEventBytes?: number;
  maxBatchBytes?: number;
  /** How often the scheduler enforces retention. */
  retentionEveryMs?: number;
  workerConcurrency?: number;
  /** Folder of installed packs (`--packs`, REFLEX_PACKS_DIR); default `<config dir>/packs` when it exists. */
  packsDir?: string;
  /** Base URL of this Reflex as people reach it, for links in messages (REFLEX_PUBLIC_URL). */
  publicUrl?: string;
  /** How long a claimed job is held without a heartbeat (default 30 s); heartbeats come at a third of it. */
  leaseMs?: number;
  /**
   * Worker pools this node's worker claims from (`--queues`); default: the built-in queues
   * plus every pool a declared workflow names.
   */
  queues?: readonly string[];
  /** How often this node looks for rules changed through another node's API (default 2 s). */
  rulesPollMs?: number;
  logger?: Logger;
  clock?: Clock;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface RunningReflex {
  /** Base URL of the HTTP API, when this process serves it. */
  url: string | null;
  store: Store;
  logger: Logger;
  /** An admin token created on this first start, shown once; otherwise null. */
  initialAdminToken: string | null;
  /** Reloads the config directory now (what SIGHUP does); keeps the old config if the new one has problems. */
  reloadConfig(): Promise<void>;
  /** Stops accepting work, finishes what was accepted, and closes the store. */
  close(): Promise<void>;
}

/** Raised when the config directory has problems at start: Reflex refuses to start. */
export class ConfigInvalidError extends ReflexError {
  constructor(readonly report: string) {
    super("config_invalid", `the configuration has problems:\n${report}`, { status: 400 });
  }
}

const ALL_ROLES: ReadonlySet<Role> = new Set(["api", "worker", "scheduler"]);

/** How long shutdown waits for answers still being sent before closing their connections. */
const SHUTDOWN_GRACE_MS = 5_000;

export async function startReflex(options: ReflexOptions = {}): Promise<RunningReflex> {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const roles = options.roles ?? ALL_ROLES;
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL ?? "info", redact: ["req.headers.authorization", "*.token", "*.hmacSecret"] });

  const actions = builtinActions(env);
  // core.notify sends through the channels in force; both exist only once the store is open.
  let notifier: ChannelSender | undefined;
  // What is declared now (channels, Functions); the live config once it exists.
  let configNow = (): ReflexConfig => initialConfig;
  actions.register(
    createNotifyAction({
      sender: () => {
        if (!notifier) throw new ReflexError("not_ready", "notifications cannot be sent before Reflex has started");
        return notifier;
      },
      channels: () => configNow().channels,
    }),
  );
  // Declared Functions are actions too (`function.<name>`), as the config in force has them.
  const allActions = actionsWithFunctions(actions, new FunctionActions({ config: () => configNow() }));
  // Installed packs add actions (registered now) and workflows, rules and channels (loaded with the config).
  const packSetup = await setUpPacks({ configDir: options.configDir, packsDir: options.packsDir, env, actions, reflexVersion: VERSION });
  let initialConfig = emptyConfig();
  if (options.configDir !== undefined || packSetup.dir !== null) {
    const loaded = await loadConfigWithPacks(options.configDir, packSetup, actions);
    if (!loaded.config) throw new ConfigInvalidError(formatProblems(loaded.problems));
    initialConfig = loaded.config;
  }

  const store = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, schema: options.dbSchema });
  // The SQLite writer thread loads while the rest starts, not when the first event arrives.
  store.warmUp();
  const closers: (() => Promise<void> | void)[] = [() => store.close()];
  try {
    const metrics = new Metrics(() => queueDepth(store.db));
    const secrets = createSecretStore({ store, clock, env, dataDir: options.dataDir });
    const sender = new ChannelSender({ store, clock, env, secrets, ...(options.publicUrl ?? env.REFLEX_PUBLIC_URL ? { publicUrl: options.publicUrl ?? env.REFLEX_PUBLIC_URL } : {}) });
    notifier = sender;
    const ruleEngine = createRuleEngine({
      store,
      clock,
      env,
      config: () => live.config(),
      warn: (message) => logger.warn(message),
      observer: new RuleMetrics(metrics.registry),
      pollMs: options.rulesPollMs,
      notifier: sender,
      functions: createFunctionCaller({ config: () => live.config(), secrets }),
      secrets,
    });
    let onConfig = (config: ReflexConfig): void => ruleEngine.registry.applyConfig(config);
    const live = new LiveConfig(initialConfig, env, (message) => logger.warn(message), (config) => onConfig(config));
    configNow = () => live.config();
    await ruleEngine.sync.start();
    closers.unshift(() => ruleEngine.sync.stop());
    const writer = new EventWriter(store.appendEvents, { concurrency: store.appendConcurrency });
    const ingest = new IngestService(writer, () => live.ingest(), clock, metrics, ruleEngine.outbox);
    const replays = new ReplayService(store, clock, (bus) => live.config().buses.has(bus), ruleEngine.outbox);
    const tokens = new TokenService(store, clock);
    let wakeWorker = (): void => undefined;
    const engine = createWorkflowEngine({
      store,
      clock,
      actions: allActions,
      workflow: (name) => live.config().workflows.get(name),
      wake: () => wakeWorker(),
      emit: async (event) => {
        const [result] = await ingest.ingest("default", [{ ok: true, event: { specversion: "1.0", id: newId(clock.now()), source: "reflex", type: event.type, subject: event.subject, time: new Date(clock.now()).toISOString(), datacontenttype: "application/json", data: event.data } }]);
        if (result?.status === "rejected") logger.warn({ event: event.type, error: result.error }, "an engine event was rejected by the default bus");
      },
      logger,
      observer: new EngineMetrics(metrics.registry),
      secrets,
    });
    let ready = false;
    let initialAdminToken: string | null = null;

    if (roles.has("worker")) {
      const worker = new Worker({
        store,
        clock,
        queues: [...(options.queues ?? workerQueues(live.config()))],
        concurrency: options.workerConcurrency ?? 8,
        leaseMs: options.leaseMs ?? 30_000,
        heartbeatMs: Math.max(1, Math.floor((options.leaseMs ?? 30_000) / 3)),
        pollMs: 1_000,
        handlers: { [REPLAY_JOB]: replays.run, ...ruleEngine.handlers, ...engine.handlers },
        logger,
      });
      ruleEngine.onQueued(() => worker.wake());
      // Broker sources are consumed by worker nodes; consumer groups share a source's messages between them.
      const brokers = createSourceManager({ ingest, secrets, env, logger, registry: metrics.registry, clock, ...(env.REFLEX_NODE_ID ? { nodeId: env.REFLEX_NODE_ID } : {}) });
      await brokers.apply(live.config().brokerSources);
      onConfig = (config) => {
        ruleEngine.registry.applyConfig(config);
        brokers.apply(config.brokerSources).catch((err: unknown) => logger.error({ err }, "applying the broker sources of the new config failed"));
      };
      closers.unshift(() => brokers.close());
      wakeWorker = () => worker.wake();
      worker.start();
      closers.unshift(() => worker.stop());
    }

    // Every node's /metrics shows the probes' states (read from the database).
    const probeMetrics = new ProbeMetrics(metrics.registry, () => readProbeStates(store.db, [...live.config().probes.keys()]));
    if (roles.has("scheduler")) {
      // Safe on several scheduler nodes: each probe check is claimed with a lease, each schedule slot by a unique insert.
      const prober = new ProbeRunner({ store, clock, config: () => live.config(), sink: ingest, secrets, logger, observer: probeMetrics });
      prober.start();
      closers.unshift(() => prober.stop());
      const scheduler = new Scheduler({ store, clock, config: () => live.config(), sink: ingest, logger });
      scheduler.start();
      closers.unshift(() => scheduler.stop());
      const every = options.retentionEveryMs ?? 60_000;
      let sweeping = false;
      const timer = setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        asTheScheduler(store, "retention", () =>
          Promise.all([
            sweepRetention(store, clock, live.config().buses.values()),
            pruneFinishedJobs(store.db, clock),
            pruneRuleHistory(store.db, clock.now()),
            pruneNotifications(store.db, clock.now() - NOTIFICATION_RETENTION_MS),
          ]),
        )
          .then((removed) => {
            if (!removed) return;
            const [events, jobs, ruleRows, notifications] = removed;
            if (events + jobs + ruleRows + notifications > 0) logger.info({ events, jobs, ruleRows, notifications }, "retention removed old events, finished jobs, rule history and notifications");
          })
          .catch((err: unknown) => logger.error({ err }, "retention sweep failed"))
          .finally(() => (sweeping = false));
      }, every);
      timer.unref();
      closers.unshift(() => clearInterval(timer));
    }

    let app: FastifyInstance | null = null;
    let url: string | null = null;
    if (roles.has("api")) {
      initialAdminToken = await tokens.bootstrapAdmin(options.adminToken ?? env.REFLEX_ADMIN_TOKEN);
      app = await buildServer({
        store,
        clock,
        logger,
        tokens,
        ingest,
        replays,
        rules: ruleEngine.rules,
        deliveries: ruleEngine.deliveries,
        executions: engine.service,
        actions: allActions,
        secrets,
        packs: new PackService(
          new PackCatalog({ installed: packSetup.packs, refs: () => actions.refs(), version: VERSION, config: () => live.config() }),
          allActions,
          new ActionRunner({ actions: allActions, secrets, db: store.db, clock }),
        ),
        metrics,
        limits: { maxEventBytes: options.maxEventBytes ?? 1024 * 1024, maxBatchBytes: options.maxBatchBytes ?? 10 * 1024 * 1024 },
        authMode: options.authMode ?? "on",
        env,
        config: () => live.config(),
        sources: () => live.sources(),
        ready: () => ready,
      });
      url = await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 7420 });
      const server = app;
      // Stop taking requests first, then let accepted events reach the database. A client that
      // stops reading (a large answer it never consumes) must not hold shutdown forever: after a
      // grace period its connection is closed.
      closers.unshift(async () => {
        const force = setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        try {
          await server.close();
        } finally {
          clearTimeout(force);
        }
        await writer.idle();
      });
    }

    let reloadConfig = async (): Promise<void> => undefined;
    if (options.configDir !== undefined) {
      const dir = options.configDir;
      const watcher = watchConfig(dir, (loaded) => {
        if (!loaded.config) {
          logger.error({ dir, problems: loaded.problems.length }, `config reload refused, keeping the running config:\n${formatProblems(loaded.problems)}`);
          return;
        }
        live.apply(loaded.config);
        logger.info({ dir }, "config reloaded");
      }, { actions, ...packSetup.load, onError: (err) => logger.error({ err, dir }, "config watcher failed; SIGHUP still reloads") });
      reloadConfig = () => watcher.reload();
      closers.unshift(() => watcher.close());
    }

    ready = true;
    let closing: Promise<void> | null = null;
    return {
      url,
      store,
      logger,
      initialAdminToken,
      reloadConfig,
      close: () => {
        closing ??= (async () => {
          ready = false;
          for (const close of closers) await close();
        })();
        return closing;
      },
    };
  } catch (err) {
    for (const close of closers) await close();
    throw err;
  }
}

/** The queues a worker claims by default: the built-in ones and every pool a workflow or task names. */
function workerQueues(config: ReflexConfig): string[] {
  const queues = new Set(["default", RULES_QUEUE, WORKFLOWS_QUEUE]);
  for (const workflow of config.workflows.values()) {
    if (workflow.queue !== undefined) queues.add(workflow.queue);
    for (const task of workflow.tasks) if (task.queue !== undefined) queues.add(task.queue);
  }
  return [...queues];
}
