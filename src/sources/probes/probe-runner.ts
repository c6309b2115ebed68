// The prober of a scheduler node. Every round (half a second by default) it reads the
// configuration in force (so reloads are followed), makes sure each probe has its row, claims
// the checks that are due (one node per check, see `probe-states.ts`), runs them concurrently
// up to a limit, and records each outcome; a change of state is written with its event, the
// event is stored through ingest, and only then is it cleared. Several scheduler nodes can run
// a prober each: the claims keep them from checking one probe twice, and the state in the
// database keeps a restart, or a move to another node, from emitting a change again.
import type { Logger } from "pino";
import type { ProbeSpec } from "../../config/probe-types.js";
import type { ReflexConfig } from "../../config/types.js";
import type { Clock } from "../../core/clock.js";
import type { CloudEvent } from "../../core/event.js";
import { newId } from "../../core/ids.js";
import { NO_SECRETS } from "../../core/secrets.js";
import type { SecretResolver } from "../../core/secrets.js";
import type { Store } from "../../store/open-store.js";
import { emitEvent } from "../emit-event.js";
import type { EventSink } from "../emit-event.js";
import { checkPreparer } from "./prepare-check.js";
import type { CheckPreparer } from "./prepare-check.js";
import { probeEvent } from "./probe-event.js";
import type { ProbeObserver } from "./probe-metrics.js";
import { claimProbe, clearPendingEvent, dueProbeNames, ensureProbeStates, recordCheck, releaseProbe } from "./probe-states.js";
import type { ProbeStateRow } from "./probe-states.js";
import { decide, parseStatus } from "./probe-thresholds.js";

/** What a prober needs. */
export interface ProbeRunnerOptions {
  store: Store;
  clock: Clock;
  /** The configuration in force; read at every round. */
  config: () => ReflexConfig;
  /** Where the probes' events go (the ingest service). */
  sink: EventSink;
  /** Resolves `{{ secrets.NAME }}` in `http` probes' headers; none by default. */
  secrets?: SecretResolver;
  logger: Pick<Logger, "info" | "warn" | "error">;
  observer?: ProbeObserver;
  /** Time between two rounds (default 500 ms): how late a due check may start. */
  roundMs?: number;
  /** Checks running at once on this node (default 32). */
  maxChecks?: number;
  /** The `ping` executable icmp probes run (default `ping`, found on PATH). */
  ping?: string;
}

/** How long a claim outlives its check's timeout, for recording the outcome and storing the event. */
const LEASE_GRACE_MS = 15_000;

export class ProbeRunner {
  private readonly prepare: CheckPreparer;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** The spec each probe's row was last brought in line with. */
  private readonly synced = new Map<string, ProbeSpec>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: ProbeRunnerOptions) {
    this.prepare = checkPreparer(options.ping ?? "ping");
  }

  /** Starts the rounds. */
  start(): void {
    if (this.stopped || this.timer !== null) return;
    const next = (): void => {
      this.round = this.startDue()
        .catch((err: unknown) => this.options.logger.error({ err }, "a probe round failed; trying again next round"))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(next, this.options.roundMs ?? 500);
          this.timer.unref();
        });
    };
    next();
  }

  /** Stops the rounds, ends the checks in progress (their outcome is dropped) and waits for them. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.abort.abort();
    await this.round;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** One round, waiting for the checks it started: what tests drive with a manual clock. */
  async tick(): Promise<void> {
    await Promise.all(await this.startDue());
  }

  /** Claims the due checks and starts them; resolves to their completions. */
  private async startDue(): Promise<Promise<void>[]> {
    const { store, clock } = this.options;
    const probes = this.options.config().probes;
    const now = clock.now();
    const changed = [...probes.values()].filter((spec) => this.synced.get(spec.name) !== spec);
    await ensureProbeStates(store.db, changed, now);
    for (const spec of changed) this.synced.set(spec.name, spec);
    for (const name of this.synced.keys()) if (!probes.has(name)) this.synced.delete(name);

    const idle = [...probes.keys()].filter((name) => !this.inFlight.has(name));
    const due = await dueProbeNames(store.db, idle, now);
    const started: Promise<void>[] = [];
    for (const name of due.slice(0, Math.max(0, (this.options.maxChecks ?? 32) - this.inFlight.size))) {
      const spec = probes.get(name);
      if (spec === undefined || this.stopped) continue;
      const token = newId(now);
      const row = await claimProbe(store.db, name, token, now, spec.timeoutMs + LEASE_GRACE_MS);
      if (row === undefined) continue;
      const run = this.runCheck(spec, row, token, now)
        .catch((err: unknown) => this.options.logger.error({ err, probe: name }, `probe ${name}: the check could not be recorded`))
        .finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, run);
      started.push(run);
    }
    return started;
  }

  /** Runs one claimed check and records it; emits the change it causes. */
  private async runCheck(spec: ProbeSpec, row: ProbeStateRow, token: string, claimedMs: number): Promise<void> {
    const { store, clock, logger } = this.options;
    const db = store.db;
    // A change decided by a node that died before its event was stored: store it first.
    if (row.pending_event !== null) {
      if (!(await this.emitPending(spec.name, row.pending_event))) return releaseProbe(db, spec.name, token);
      if (!(await clearPendingEvent(db, spec.name, token))) return;
    }
    const result = await this.prepare(spec)({ signal: this.abort.signal, secrets: this.options.secrets ?? NO_SECRETS });
    if (this.abort.signal.aborted) return releaseProbe(db, spec.name, token);
    const checkedMs = clock.now();
    const nextDueMs = row.next_due_ms + spec.intervalMs > claimedMs ? row.next_due_ms + spec.intervalMs : claimedMs + spec.intervalMs;
    const counts = { status: parseStatus(row.status), failures: row.failures, successes: row.successes };

    if (result.outcome === "unavailable") {
      this.options.observer?.checked(spec.name, result.outcome, null);
      if (row.last_result !== "unavailable" || row.last_reason !== result.detail) logger.warn({ probe: spec.name }, `probe ${spec.name} cannot be checked on this node: ${result.detail}`);
      await recordCheck(db, spec.name, token, { counts, checkedMs, result: "unavailable", reason: result.detail, latencyMs: null, nextDueMs, pendingEvent: null });
      return;
    }

    this.options.observer?.checked(spec.name, result.outcome, result.latencyMs / 1000);
    const decision = decide(counts, result.outcome, spec);
    const changed = decision.next.status !== counts.status;
    const event = decision.emit === null ? null : probeEvent(spec, counts.status, decision.next, { reason: result.detail, latencyMs: result.latencyMs }, checkedMs);
    const pendingEvent = event === null ? null : JSON.stringify({ bus: spec.bus, event });
    const recorded = await recordCheck(db, spec.name, token, {
      counts: decision.next,
      checkedMs,
      result: result.outcome,
      reason: result.detail,
      latencyMs: result.latencyMs,
      ...(changed ? { changedMs: checkedMs } : {}),
      nextDueMs,
      pendingEvent,
    });
    if (!recorded) {
      logger.warn({ probe: spec.name }, `probe ${spec.name}: this node's claim on the check ran out before its outcome was recorded; another node checks it`);
      return;
    }
    if (changed) logger.info({ probe: spec.name, status: decision.next.status, reason: result.detail }, `probe ${spec.name} is ${decision.next.status}: ${result.detail}`);
    if (pendingEvent !== null) await releaseProbe(db, spec.name, token, await this.emitPending(spec.name, pendingEvent));
  }

  /** Stores a pending `{bus, event}`; false when it could not be stored now (kept for the next claim). */
  private async emitPending(probe: string, pending: string): Promise<boolean> {
    const { bus, event } = JSON.parse(pending) as { bus: string; event: CloudEvent };
    try {
      const outcome = await emitEvent(this.options.sink, bus, event);
      if (!outcome.stored) this.options.logger.warn({ probe, bus, type: event.type }, `probe ${probe}: bus ${bus} refused its ${event.type} event: ${outcome.error}`);
      return true;
    } catch (err) {
      this.options.logger.error({ err, probe, bus }, `probe ${probe}: its ${event.type} event could not be stored; it is tried again at the next check`);
      return false;
    }
  }
}
