// Drill runs in the background of an API process: start one (it is recorded at once, then
// carried out while the caller goes on), read any run's report (live from memory while this
// node runs it, else as stored), list runs. Each running run writes its report and a heartbeat
// to the store as it goes, so a report survives a restart; a run whose heartbeat went stale
// (its node died) is marked `error` ("interrupted") when this service starts and whenever it
// is read. Closing interrupts the runs of this node.
import type { Logger } from "pino";
import type { DrillSpec } from "../config/kinds/drill-types.js";
import type { ReflexConfig } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { MAX_DRILL_INSTANCES } from "../config/kinds/drill-schema.js";
import type { DrillRunRow } from "../store/drill-run-repository.js";
import { findDrillRun, insertDrillRun, listDrillRuns, staleDrillRuns, updateDrillRun } from "../store/drill-run-repository.js";
import type { Store } from "../store/open-store.js";
import type { DrillObservations } from "./observations.js";
import { DrillRun } from "./run-drill.js";
import type { DrillReport } from "./report-types.js";
import type { DrillSimulator } from "./sim-port.js";
import { httpSimulator, simulatorUrl } from "./sim-http.js";
import { storeObservations } from "./store-observations.js";

/** What the service needs; everything but the store, clock, logger and config has a default. */
export interface DrillServiceOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  config(): ReflexConfig;
  env?: Readonly<Record<string, string | undefined>>;
  /** The simulator at a URL (default: over HTTP, with REFLEX_SIM_TOKEN as control token). */
  simulator?: (url: string) => DrillSimulator;
  /** What runs read of Reflex (default: the store). */
  observations?: DrillObservations;
  /** Poll interval of runs (default 1 s). */
  pollMs?: number;
  /** How often a running run's heartbeat is written at least (default 5 s). */
  heartbeatMs?: number;
  /** A running run whose heartbeat is older than this was interrupted (default 30 s). */
  staleAfterMs?: number;
  /** Setup deadline of runs (default 2 min). */
  setupTimeoutMs?: number;
  /** How long a healed instance may still wait to be seen as detected (default 5 s). */
  settleGraceMs?: number;
}

/** A run in the list. */
export interface DrillRunListItem {
  runId: string;
  drill: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  summary: DrillReport["summary"] | null;
}

interface Active {
  run: DrillRun;
  abort: AbortController;
  done: Promise<void>;
  lastWriteMs: number;
  writing: Promise<void>;
}

/** Drill runs of this node, and every node's as stored. */
export class DrillService {
  private readonly active = new Map<string, Active>();
  private readonly observations: DrillObservations;
  private readonly simulator: (url: string) => DrillSimulator;
  private closed = false;

  constructor(private readonly options: DrillServiceOptions) {
    const env = options.env ?? {};
    this.observations = options.observations ?? storeObservations(options.store);
    this.simulator = options.simulator ?? ((url) => httpSimulator(url, env.REFLEX_SIM_TOKEN));
  }

  /** The drills configured now. */
  drills(): DrillSpec[] {
    return [...this.options.config().drills.values()];
  }

  /** Marks runs whose node died as interrupted; returns how many. */
  async recover(): Promise<number> {
    const now = this.options.clock.now();
    const stale = await staleDrillRuns(this.options.store.db, now - (this.options.staleAfterMs ?? 30_000));
    let marked = 0;
    for (const row of stale) {
      if (this.active.has(row.id)) continue;
      await this.markInterrupted(row, now);
      marked++;
    }
    return marked;
  }

  /** Starts a run of the configured drill `name`; it goes on in the background. */
  async start(name: string, request: { instances?: number } = {}): Promise<{ runId: string; report: DrillReport }> {
    if (this.closed) throw new ValidationError("Reflex is shutting down; start the drill again once it is back");
    const spec = this.options.config().drills.get(name);
    if (!spec) throw new NotFoundError("drill", name, `the configured drills are: ${[...this.options.config().drills.keys()].join(", ") || "none"} (kind: Drill in the config directory)`);
    if (request.instances !== undefined) {
      if (!("create" in spec.instances)) throw new ValidationError(`drill '${name}' uses listed instances (ids:); 'instances' can only change how many a drill creates`, { pointer: "/instances" });
      if (!Number.isInteger(request.instances) || request.instances < 1 || request.instances > MAX_DRILL_INSTANCES) {
        throw new ValidationError(`'instances' must be a whole number from 1 to ${MAX_DRILL_INSTANCES} (got ${request.instances})`, { pointer: "/instances" });
      }
    }
    const now = this.options.clock.now();
    const runId = newId(now);
    const abort = new AbortController();
    const url = simulatorUrl(spec.simulator, this.options.env ?? {});
    const run = new DrillRun({
      spec,
      runId,
      simulator: this.simulator(url),
      observations: this.observations,
      clock: this.options.clock,
      signal: abort.signal,
      ...(request.instances === undefined ? {} : { instances: request.instances }),
      ...(this.options.pollMs === undefined ? {} : { pollMs: this.options.pollMs }),
      ...(this.options.setupTimeoutMs === undefined ? {} : { setupTimeoutMs: this.options.setupTimeoutMs }),
      ...(this.options.settleGraceMs === undefined ? {} : { settleGraceMs: this.options.settleGraceMs }),
      onChange: (report) => this.persist(runId, report, false),
    });
    const report = run.report();
    await insertDrillRun(this.options.store.db, { id: runId, drill: name, status: report.status, startedMs: now, finishedMs: null, heartbeatMs: now, report: JSON.stringify(report) });
    const active: Active = { run, abort, done: Promise.resolve(), lastWriteMs: now, writing: Promise.resolve() };
    this.active.set(runId, active);
    const heartbeat = setInterval(() => this.persist(runId, run.report(), true), this.options.heartbeatMs ?? 5_000);
    heartbeat.unref();
    active.done = run
      .run()
      .then(async (final) => {
        clearInterval(heartbeat);
        await active.writing;
        await this.write(runId, final);
        this.options.logger.info({ drill: name, runId, status: final.status, summary: final.summary }, "drill run finished");
      })
      .catch((err: unknown) => {
        clearInterval(heartbeat);
        this.options.logger.error({ err, drill: name, runId }, "recording the end of a drill run failed");
      })
      .finally(() => this.active.delete(runId));
    this.options.logger.info({ drill: name, runId, simulator: url }, "drill run started");
    return { runId, report };
  }

  /** A run's report: live while this node runs it. */
  async report(runId: string): Promise<DrillReport> {
    const active = this.active.get(runId);
    if (active) return active.run.report();
    const row = await findDrillRun(this.options.store.db, runId);
    if (!row) throw new NotFoundError("drill run", runId, "list runs with GET /api/v1/drill-runs");
    return JSON.parse((await this.checkStale(row)).report) as DrillReport;
  }

  /** Runs, newest first. */
  async list(filter: { drill?: string; limit: number }): Promise<DrillRunListItem[]> {
    const rows = await listDrillRuns(this.options.store.db, filter);
    const items: DrillRunListItem[] = [];
    for (const stored of rows) {
      const active = this.active.get(stored.id);
      const report = active ? active.run.report() : (JSON.parse((await this.checkStale(stored)).report) as DrillReport);
      items.push({ runId: stored.id, drill: stored.drill, status: report.status, startedAt: report.startedAt, finishedAt: report.finishedAt, summary: report.summary });
    }
    return items;
  }

  /** Resolves once the run ends on this node (at once when it is not running here). */
  async settled(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
  }

  /** Interrupts this node's runs and records them as `error`. */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.active.values()];
    for (const a of runs) a.abort.abort(new Error("Reflex shut down while the drill was running"));
    await Promise.all(runs.map((a) => a.done));
  }

  private async checkStale(row: DrillRunRow): Promise<DrillRunRow> {
    const now = this.options.clock.now();
    if (row.status !== "running" || row.heartbeatMs >= now - (this.options.staleAfterMs ?? 30_000)) return row;
    return this.markInterrupted(row, now);
  }

  private async markInterrupted(row: DrillRunRow, now: number): Promise<DrillRunRow> {
    const report = JSON.parse(row.report) as DrillReport;
    const reason = "interrupted: the Reflex process running the drill stopped before it finished";
    const changed: DrillReport = {
      ...report,
      status: "error",
      error: reason,
      finishedAt: new Date(now).toISOString(),
      timeline: [...report.timeline, { at: new Date(now).toISOString(), instanceId: null, what: `run ended in error: ${reason}` }],
    };
    const text = JSON.stringify(changed);
    await updateDrillRun(this.options.store.db, row.id, { status: "error", finishedMs: now, heartbeatMs: row.heartbeatMs, report: text });
    this.options.logger.warn({ drill: row.drill, runId: row.id }, "a drill run was interrupted by a restart; marked as error");
    return { ...row, status: "error", finishedMs: now, report: text };
  }

  /** Writes a running run's report: at most once a second unless `force` (the heartbeat). */
  private persist(runId: string, report: DrillReport, force: boolean): void {
    const active = this.active.get(runId);
    if (!active || report.finishedAt !== null) return;
    const now = this.options.clock.now();
    if (!force && now - active.lastWriteMs < 1000) return;
    active.lastWriteMs = now;
    active.writing = active.writing
      .then(() => this.write(runId, report))
      .catch((err: unknown) => this.options.logger.warn({ err, runId }, "writing a drill run's report failed; it is written again at the next change"));
  }

  private async write(runId: string, report: DrillReport): Promise<void> {
    const now = this.options.clock.now();
    const finishedMs = report.finishedAt === null ? null : Date.parse(report.finishedAt);
    await updateDrillRun(this.options.store.db, runId, { status: report.status, finishedMs, heartbeatMs: now, report: JSON.stringify(report) });
  }
}
