// `reflex up`: runs the platform in the foreground until SIGTERM or SIGINT; SIGHUP reloads the
// config directory. On a first start it prints the admin token it created, once. `--first-run`
// (what `npm start` passes) without `--config` starts the playground instead: the cloud
// simulator, a small fleet and the seed scenarios; `--sim` adds the simulator to any config.
import type { Command } from "commander";
import { startReflex } from "../../app.js";
import type { ReflexOptions, Role, RunningReflex } from "../../app.js";
import { startPlayground } from "../../playground/start-playground.js";
import type { RunningPlayground } from "../../playground/start-playground.js";
import { parseDuration } from "../../core/duration.js";
import { ValidationError } from "../../core/errors.js";

const ROLES: readonly Role[] = ["api", "worker", "scheduler"];

interface UpOptions {
  config?: string;
  data?: string;
  port: string;
  host: string;
  role: string;
  auth: string;
  databaseUrl?: string;
  maxEventBytes: string;
  maxBatchBytes: string;
  queues?: string;
  concurrency: string;
  lease: string;
  packs?: string;
  firstRun?: boolean;
  sim?: boolean;
  simPort: string;
  simSpeed: string;
}

export function upCommand(program: Command): void {
  program
    .command("up")
    .description("run Reflex (API, worker and scheduler by default)")
    .option("-c, --config <dir>", "directory of YAML config (kind + name documents)")
    .option("-d, --data <dir>", "data directory for the embedded database", process.env.REFLEX_DATA_DIR ?? ".reflex")
    .option("-p, --port <port>", "HTTP port", process.env.PORT ?? "7420")
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--role <roles>", "comma-separated roles: api,worker,scheduler", process.env.REFLEX_ROLE ?? "api,worker,scheduler")
    .option("--auth <mode>", "'on', or 'off' to let reads through without a token (local use only)", process.env.REFLEX_AUTH ?? "on")
    .option("--database-url <url>", "postgres://… to use PostgreSQL instead of SQLite", process.env.DATABASE_URL)
    .option("--max-event-bytes <n>", "largest single event", process.env.REFLEX_MAX_EVENT_BYTES ?? String(1024 * 1024))
    .option("--max-batch-bytes <n>", "largest request body", process.env.REFLEX_MAX_BATCH_BYTES ?? String(10 * 1024 * 1024))
    .option("--queues <names>", "comma-separated worker pools this node's worker claims (default: the built-in ones and every pool a workflow names)", process.env.REFLEX_QUEUES)
    .option("--concurrency <n>", "jobs this node's worker runs at once", process.env.REFLEX_WORKER_CONCURRENCY ?? "8")
    .option("--packs <dir>", "folder of installed packs (default: <config dir>/packs when it exists)", process.env.REFLEX_PACKS_DIR)
    .option("--lease <duration>", "how long a claimed job is held without a heartbeat before another worker may take it over (e.g. 30s)", process.env.REFLEX_JOB_LEASE ?? "30s")
    .option("--first-run", "without --config: run the playground (simulator, small fleet, the examples); what `npm start` does")
    .option("--sim", "also run the cloud simulator with a small fleet, wired to this Reflex")
    .option("--sim-port <port>", "the simulator's port", process.env.REFLEX_SIM_PORT ?? "7421")
    .option("--sim-speed <factor>", "how much faster than the real clouds the simulator runs", process.env.REFLEX_SIM_SPEED ?? "10")
    .action(async (opts: UpOptions) => {
      const roles = new Set(opts.role.split(",").map((r) => r.trim()).filter(Boolean));
      for (const r of roles) {
        if (!(ROLES as readonly string[]).includes(r)) throw new ValidationError(`--role: '${r}' is not one of ${ROLES.join(", ")}`);
      }
      if (opts.auth !== "on" && opts.auth !== "off") throw new ValidationError(`--auth: '${opts.auth}' must be on or off`);
      const port = portNumber(opts.port, "--port");
      const reflexOptions: ReflexOptions = {
        configDir: opts.config,
        dataDir: opts.data,
        databaseUrl: opts.databaseUrl,
        dbSchema: process.env.REFLEX_DB_SCHEMA,
        host: opts.host,
        port,
        roles: roles as Set<Role>,
        authMode: opts.auth,
        maxEventBytes: positive(opts.maxEventBytes, "--max-event-bytes"),
        maxBatchBytes: positive(opts.maxBatchBytes, "--max-batch-bytes"),
        workerConcurrency: positive(opts.concurrency, "--concurrency"),
        leaseMs: parseDuration(opts.lease, "--lease"),
        ...(opts.packs === undefined ? {} : { packsDir: opts.packs }),
        ...(opts.queues === undefined ? {} : { queues: opts.queues.split(",").map((q) => q.trim()).filter(Boolean) }),
      };
      const withSim = opts.sim === true || (opts.firstRun === true && opts.config === undefined);
      const playground = withSim ? await startPlayground({ reflex: reflexOptions, simPort: portNumber(opts.simPort, "--sim-port"), speed: positiveNumber(opts.simSpeed, "--sim-speed") }) : null;
      const running: RunningReflex = playground?.reflex ?? (await startReflex(reflexOptions));
      const close = playground ? () => playground.close() : () => running.close();
      running.logger.info({ url: running.url, store: running.store.description, roles: [...roles] }, "Reflex is running");
      if (running.url) process.stdout.write(`Reflex is listening on ${running.url}\n`);
      else process.stdout.write(`Reflex is running as ${[...roles].join(", ")} (no HTTP)\n`);
      if (playground) printPlayground(playground, opts.config === undefined);
      else if (running.initialAdminToken) {
        process.stdout.write(`An admin token was created; it is shown only now:\n\n  ${running.initialAdminToken}\n\nexport REFLEX_TOKEN=<that token> for the reflex CLI.\n`);
      }
      const stop = (signal: string) => {
        running.logger.info({ signal }, "shutting down: finishing accepted work");
        close().then(
          () => process.exit(0),
          (err: unknown) => {
            running.logger.error({ err }, "shutdown failed");
            process.exit(1);
          },
        );
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
      process.on("SIGHUP", () => void running.reloadConfig());
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ValidationError(`${flag}: '${value}' is not a positive whole number`);
  return n;
}

function portNumber(value: string, flag: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError(`${flag}: '${value}' is not a port number`);
  return port;
}

function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ValidationError(`${flag}: '${value}' is not a positive number`);
  return n;
}

/** What a newcomer needs: where things are, how to sign in, and one command that breaks a server. */
function printPlayground(playground: RunningPlayground, examples: boolean): void {
  const target = playground.instances[0] ?? "ins-…";
  const lines = [
    "",
    `The cloud simulator runs on ${playground.sim.url} with ${playground.instances.length} instances${examples ? "; the seed scenarios in examples/ are loaded" : ""}.`,
    "",
    `  Console and API:  ${playground.reflex.url ?? ""}/`,
    `  Admin token:      ${playground.adminToken}`,
    "",
    "Break a server and watch it heal (ping unreachable → wait for RUNNING → restart the process → chat):",
    "",
    `  npx reflex sim fault ${target} ping_unreachable --sim ${playground.sim.url}`,
    `  npx reflex sim fleet --sim ${playground.sim.url}`,
    `  REFLEX_TOKEN=${playground.adminToken} npx reflex executions list --url ${playground.reflex.url ?? ""}`,
    "",
  ];
  process.stdout.write(lines.join("\n"));
}
