// A pool of job runners for some queues. One loop claims as many jobs as there are free slots
// and runs each (see `run-job.ts`); when a claim finds work it claims again at once, when it
// finds none it waits, doubling the wait up to `pollMs`. `wake()` cuts the wait short for a job
// just enqueued in this process, and a finished job does too (it freed a slot, and work often
// comes in runs). No timer holds job state: a delayed job is its run_at, a retry is its
// run_at, a crashed worker's job is its expiring lease.
import { hostname } from "node:os";
import type { Clock } from "../core/clock.js";
import { ValidationError } from "../core/errors.js";
import { randomId } from "../core/ids.js";
import type { Store } from "../store/open-store.js";
import { claimJobs } from "./claim.js";
import { silentLogger } from "./job-handler.js";
import type { JobHandler, JobLogger } from "./job-handler.js";
import { runJob } from "./run-job.js";
import type { RunContext } from "./run-job.js";

/** How a worker is set up. Durations are milliseconds. */
export interface WorkerOptions {
  store: Store;
  clock: Clock;
  /** Unique per worker; default `<host>:<pid>:<random>`. */
  workerId?: string;
  queues: string[];
  /** Jobs run at once. */
  concurrency: number;
  /** How long a claim holds a job without a heartbeat. */
  leaseMs: number;
  /** How often a running job's lease is renewed; shorter than `leaseMs`. */
  heartbeatMs: number;
  /** The longest wait between claims while idle. */
  pollMs: number;
  handlers: Record<string, JobHandler>;
  logger?: JobLogger;
}

/** The longest a worker goes between two looks for jobs whose lease ran out. */
const EXPIRE_EVERY_MS = 1_000;

/** The first wait after an empty claim is this fraction of `pollMs`. */
const FIRST_IDLE_DIVISOR = 8;

/** Claims and runs jobs until stopped. */
export class Worker {
  readonly workerId: string;
  private readonly options: WorkerOptions;
  private readonly context: RunContext;
  private readonly active = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private idleMs: number;
  /** Ends the current wait, if the loop is waiting. */
  private endWait: (() => void) | undefined;
  /** A nudge came while the loop was not waiting: skip the next wait. */
  private pendingNudge = false;
  /** When this worker last ended expired leases (clock ms). */
  private expiredAt = Number.NEGATIVE_INFINITY;

  constructor(options: WorkerOptions) {
    checkOptions(options);
    this.options = options;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomId().slice(0, 8)}`;
    this.idleMs = firstIdle(options.pollMs);
    this.context = {
      db: options.store.db,
      clock: options.clock,
      workerId: this.workerId,
      leaseMs: options.leaseMs,
      heartbeatMs: options.heartbeatMs,
      handlers: options.handlers,
      logger: options.logger ?? silentLogger,
    };
  }

  /** Starts claiming; calling it again, or after `stop()`, does nothing. */
  start(): void {
    if (this.loop || this.stopping) return;
    this.context.logger.info({ workerId: this.workerId, queues: this.options.queues, concurrency: this.options.concurrency }, "worker started");
    this.loop = this.claimLoop();
  }

  /** Stops claiming; resolves once every job already claimed has finished and been recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
    while (this.active.size > 0) await Promise.all(this.active);
    if (this.loop) this.context.logger.info({ workerId: this.workerId }, "worker stopped");
  }

  /** Claims at once instead of waiting for the poll: call after enqueueing in this process. */
  wake(): void {
    this.idleMs = firstIdle(this.options.pollMs);
    this.nudge();
  }

  private async claimLoop(): Promise<void> {
    const { store, clock, queues, concurrency, leaseMs, pollMs } = this.options;
    while (!this.stopping) {
      const free = concurrency - this.active.size;
      if (free <= 0) {
        await this.wait(undefined);
        continue;
      }
      try {
        const now = clock.now();
        const expireLeases = now - this.expiredAt >= Math.min(EXPIRE_EVERY_MS, leaseMs / 4);
        if (expireLeases) this.expiredAt = now;
        const jobs = await claimJobs(store, clock, { queues, workerId: this.workerId, leaseMs, limit: free, expireLeases });
        for (const job of jobs) this.track(runJob(this.context, job));
        if (jobs.length > 0) {
          this.idleMs = firstIdle(pollMs);
          continue;
        }
      } catch (err) {
        this.context.logger.error({ workerId: this.workerId, err }, "claiming jobs failed; trying again after the poll interval");
        this.idleMs = pollMs;
      }
      const wait = this.idleMs;
      this.idleMs = Math.min(pollMs, wait * 2);
      await this.wait(wait);
    }
  }

  /** Keeps a running job in the pool; its end frees a slot, so the loop claims again. */
  private track(running: Promise<void>): void {
    const settled = running.finally(() => {
      this.active.delete(settled);
      this.nudge();
    });
    this.active.add(settled);
  }

  /** Waits `ms` (until nudged if undefined), or less if nudged. */
  private wait(ms: number | undefined): Promise<void> {
    if (this.pendingNudge || this.stopping) {
      this.pendingNudge = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.endWait = undefined;
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, ms);
      this.endWait = done;
    });
  }

  private nudge(): void {
    if (this.endWait) this.endWait();
    else this.pendingNudge = true;
  }
}

function firstIdle(pollMs: number): number {
  return Math.max(1, Math.floor(pollMs / FIRST_IDLE_DIVISOR));
}

function checkOptions(o: WorkerOptions): void {
  const positive: [string, number][] = [
    ["concurrency", o.concurrency],
    ["leaseMs", o.leaseMs],
    ["heartbeatMs", o.heartbeatMs],
    ["pollMs", o.pollMs],
  ];
  for (const [field, value] of positive) {
    if (!Number.isInteger(value) || value <= 0) throw new ValidationError(`worker ${field} must be a positive whole number, got ${value}`, { pointer: `/${field}` });
  }
  if (o.heartbeatMs >= o.leaseMs) {
    throw new ValidationError(`worker heartbeatMs (${o.heartbeatMs}) must be shorter than leaseMs (${o.leaseMs}), or the lease runs out between beats`, { pointer: "/heartbeatMs" });
  }
  if (o.queues.length === 0) throw new ValidationError("a worker needs at least one queue", { pointer: "/queues" });
}
