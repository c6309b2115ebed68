// One run of a drill, from start to report: set up the instances (create them in the
// simulator and wait until they run, or check the listed ones), inject the fault (all at once,
// or `stagger` apart), then follow — the simulator's fault records and Reflex's store — until
// every instance is healed or failed, or the timeout. The run never throws: what goes wrong
// ends it with status `error` and the reason, and the report says how far it got.
import type { DrillSpec } from "../config/kinds/drill-types.js";
import type { Clock } from "../core/clock.js";
import type { SimInstance, SimInstanceSpec } from "../sim/types.js";
import { DrillError } from "./drill-error.js";
import { applyFaults, isSettled, newFollowMemory, observeInstance } from "./follow.js";
import type { FollowMemory } from "./follow.js";
import { formatMs } from "./format-ms.js";
import type { DrillObservations } from "./observations.js";
import { buildReport } from "./report.js";
import type { DrillReport } from "./report-types.js";
import type { InstanceState, RunState } from "./run-state.js";
import { note } from "./run-state.js";
import type { DrillSimulator } from "./sim-port.js";

/** How one run is carried out. */
export interface RunDrillOptions {
  spec: DrillSpec;
  runId: string;
  simulator: DrillSimulator;
  observations: DrillObservations;
  clock: Clock;
  /** Replaces `instances.create.count`. */
  instances?: number;
  /** Time between two looks at the simulator and the store (default 1 s). */
  pollMs?: number;
  /** How long created instances may take to be RUNNING (default 2 min). */
  setupTimeoutMs?: number;
  /** How long a healed instance may still wait to be seen as detected (default 5 s). */
  settleGraceMs?: number;
  /** Aborting ends the run with status `error` ("interrupted: …"). */
  signal?: AbortSignal;
  /** Called with the report after each round that changed something. */
  onChange?: (report: DrillReport) => void;
}

/** Injections in flight at once when the drill has no stagger. */
const INJECT_CONCURRENCY = 32;

/** A run of a drill; `report()` is its live report. */
export class DrillRun {
  readonly state: RunState;
  private readonly memories = new Map<string, FollowMemory>();
  private readonly pollMs: number;

  constructor(private readonly options: RunDrillOptions) {
    const { spec, runId, clock, simulator } = options;
    this.pollMs = options.pollMs ?? 1000;
    this.state = {
      drill: spec.name,
      runId,
      fault: spec.fault,
      simulator: simulator.url,
      criteria: { ...spec.criteria },
      timeoutMs: spec.timeoutMs,
      startedMs: clock.now(),
      finishedMs: null,
      instances: [],
      timeline: [],
    };
  }

  /** The report as the run stands. */
  report(): DrillReport {
    return buildReport(this.state);
  }

  /** Carries the run out; resolves with the final report. */
  async run(): Promise<DrillReport> {
    try {
      await this.setUp();
      await this.inject();
      await this.follow();
    } catch (err) {
      const aborted = this.options.signal?.aborted === true;
      const reason = aborted ? `interrupted: ${reasonOf(this.options.signal?.reason)}` : err instanceof Error ? err.message : String(err);
      this.state.error = reason;
      note(this.state, this.now(), null, `run ended in error: ${reason}`);
    }
    this.state.finishedMs = this.now();
    const report = this.report();
    note(this.state, this.state.finishedMs, null, `run finished: ${report.status}`);
    return this.changed();
  }

  private async setUp(): Promise<void> {
    const { spec, simulator } = this.options;
    note(this.state, this.now(), null, `run started against the simulator at ${simulator.url}`);
    let instances: SimInstance[];
    if ("create" in spec.instances) {
      const { create } = spec.instances;
      const count = this.options.instances ?? create.count;
      const specs: SimInstanceSpec[] = Array.from({ length: count }, (_, n) => ({
        cloud: create.cloud,
        name: `${spec.name}-${n + 1}`,
        tags: { "reflex-drill": spec.name, ...create.tags },
        ...(create.region === undefined ? {} : { region: create.region }),
        ...(create.preemptible === undefined ? {} : { preemptible: create.preemptible }),
        ...(create.dataDisks === undefined ? {} : { dataDisks: create.dataDisks }),
      }));
      instances = await simulator.createInstances(specs);
      note(this.state, this.now(), null, `created ${instances.length} ${create.cloud} instance(s)`);
    } else {
      const ids = spec.instances.ids;
      instances = await simulator.instances(ids);
      const missing = ids.filter((id) => !instances.some((i) => i.id === id && i.state !== "RELEASED"));
      if (missing.length > 0) throw new DrillError(`the simulator at ${simulator.url} has no instance ${missing.join(", ")} (or it was released); list them with GET /sim/instances`, { status: 400 });
    }
    this.state.instances = instances.map((i) => ({ instanceId: i.id, name: i.name }));
    await this.untilRunning(instances.map((i) => i.id));
  }

  private async untilRunning(ids: readonly string[]): Promise<void> {
    const deadline = this.now() + (this.options.setupTimeoutMs ?? 120_000);
    for (;;) {
      const found = await this.options.simulator.instances(ids);
      const waiting = ids.filter((id) => found.find((i) => i.id === id)?.state !== "RUNNING");
      if (waiting.length === 0) break;
      const released = found.filter((i) => i.state === "RELEASED");
      if (released.length > 0) throw new DrillError(`instance ${released.map((i) => i.id).join(", ")} was released before the fault could be injected`);
      if (this.now() > deadline) {
        throw new DrillError(`${waiting.length} instance(s) were not RUNNING after ${formatMs(this.options.setupTimeoutMs ?? 120_000)} (${waiting.slice(0, 5).join(", ")}${waiting.length > 5 ? ", …" : ""}); is the simulator's time scale very slow?`);
      }
      await this.wait(this.pollMs);
    }
    note(this.state, this.now(), null, `${ids.length} instance(s) RUNNING`);
  }

  private async inject(): Promise<void> {
    const { spec } = this.options;
    const injectOne = async (i: InstanceState) => {
      try {
        const fault = await this.options.simulator.injectFault(i.instanceId, spec.fault);
        i.faultId = fault.id;
        i.injectedMs = Date.parse(fault.injectedAt);
        note(this.state, i.injectedMs, i.instanceId, `injected ${spec.fault} (fault ${fault.id})`);
      } catch (err) {
        if (this.options.signal?.aborted) throw err;
        i.injectError = err instanceof Error ? err.message : String(err);
        note(this.state, this.now(), i.instanceId, `injection refused: ${i.injectError}`);
      }
    };
    if (spec.staggerMs > 0) {
      for (const [n, i] of this.state.instances.entries()) {
        if (n > 0) await this.wait(spec.staggerMs);
        await injectOne(i);
        this.changed();
      }
    } else {
      const queue = [...this.state.instances];
      await Promise.all(Array.from({ length: Math.min(INJECT_CONCURRENCY, queue.length) }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) await injectOne(i);
      }));
      this.changed();
    }
    if (this.state.instances.every((i) => i.injectedMs === undefined)) {
      throw new DrillError(`the simulator refused every injection of ${spec.fault}: ${this.state.instances[0]?.injectError ?? "no instances"}`);
    }
  }

  private async follow(): Promise<void> {
    const lastInjection = Math.max(...this.state.instances.map((i) => i.injectedMs ?? 0));
    const deadline = lastInjection + this.state.timeoutMs;
    const grace = this.options.settleGraceMs ?? 5_000;
    for (;;) {
      const before = this.state.timeline.length;
      applyFaults(this.state, await this.options.simulator.faults());
      const now = this.now();
      for (const i of this.state.instances) {
        // A settled and detected instance has nothing more to show.
        if (isSettled(i) && i.detectedMs !== undefined && i.remediationMs !== undefined) continue;
        let memory = this.memories.get(i.instanceId);
        if (!memory) this.memories.set(i.instanceId, (memory = newFollowMemory()));
        await observeInstance(this.state, i, memory, this.options.observations, now);
      }
      if (this.state.timeline.length !== before) this.changed();
      const done = this.state.instances.every((i) => isSettled(i) && (i.detectedMs !== undefined || settledAt(i) + grace <= now));
      if (done) return;
      if (now >= deadline) {
        note(this.state, now, null, `timeout: stopped following ${formatMs(this.state.timeoutMs)} after the last injection`);
        return;
      }
      await this.wait(Math.min(this.pollMs, Math.max(1, deadline - now)));
    }
  }

  private changed(): DrillReport {
    const report = this.report();
    this.options.onChange?.(report);
    return report;
  }

  private now(): number {
    return this.options.clock.now();
  }

  private wait(ms: number): Promise<void> {
    const signal = this.options.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error("aborted"));
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Error("aborted"));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** When the simulator settled the instance's fault. */
function settledAt(i: InstanceState): number {
  return i.healedMs ?? i.failedMs ?? i.injectedMs ?? 0;
}

function reasonOf(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "the run was stopped";
}

/** Runs a drill to its end and returns the report. */
export function runDrill(options: RunDrillOptions): Promise<DrillReport> {
  return new DrillRun(options).run();
}
