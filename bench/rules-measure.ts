// Timing loops for the rules benchmark. A matcher is run over the event stream in this one
// thread: first unmeasured for a warm-up (so the JIT has compiled the hot paths), then measured
// in rounds of at least `minS` seconds of wall time each, reading the clock after batches that
// grow until one takes a few milliseconds (so reading the clock costs nothing measurable, and a
// slow matcher still stops near its time). On a shared machine other work only ever slows a
// round down, so the fastest round is the best estimate of the matcher's own cost; every
// round's rate is kept to show the spread. The process's CPU time is kept too: it shows how much
// V8's helper threads (GC) added beside the measured thread.
import type { JsonObject } from "../src/core/json.js";

/** One measurement: its fastest round, and the rate of every round. */
export interface Throughput {
  events: number;
  seconds: number;
  /** User + system CPU seconds of the whole process during the measurement. */
  cpuSeconds: number;
  /** Rules matched, summed over the events (also keeps the work from being optimised away). */
  matched: number;
  /** Events per second of each round, in the order run. */
  roundRates: number[];
  /** When measured in several processes and this is the median one: every process's events per second. */
  processRates?: number[];
}

/** How long to run. */
export interface MeasurePlan {
  warmupS: number;
  /** Minimum wall time of one measured round. */
  minS: number;
  /** Measured rounds (synchronous matchers; asynchronous ones run one round). */
  rounds: number;
}

const BATCH_TARGET_S = 0.005;

/** Measures a synchronous matcher returning the number of rules matched. */
export function measureSync(match: (event: JsonObject) => number, events: readonly JsonObject[], plan: MeasurePlan): Throughput {
  let next = 0;
  const runFor = (seconds: number): Throughput => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let done = 0;
    let matched = 0;
    let batch = 1;
    for (;;) {
      const b0 = performance.now();
      for (let i = 0; i < batch; i++) {
        matched += match(events[next] as JsonObject);
        next = next + 1 === events.length ? 0 : next + 1;
      }
      done += batch;
      const now = performance.now();
      if ((now - t0) / 1000 >= seconds) return finish(done, matched, t0, now, cpu0);
      if ((now - b0) / 1000 < BATCH_TARGET_S) batch *= 2;
    }
  };
  runFor(plan.warmupS);
  const rounds: Throughput[] = [];
  for (let i = 0; i < plan.rounds; i++) {
    next = 0;
    rounds.push(runFor(plan.minS));
  }
  return fastest(rounds);
}

/** Measures an asynchronous matcher, one event at a time (at least one event, however slow). */
export async function measureAsync(match: (event: JsonObject) => Promise<number>, events: readonly JsonObject[], plan: MeasurePlan): Promise<Throughput> {
  let next = 0;
  const runFor = async (seconds: number): Promise<Throughput> => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let matched = 0;
    for (let done = 1; ; done++) {
      matched += await match(events[next] as JsonObject);
      next = next + 1 === events.length ? 0 : next + 1;
      const now = performance.now();
      if ((now - t0) / 1000 >= seconds) return finish(done, matched, t0, now, cpu0);
    }
  };
  await runFor(plan.warmupS);
  next = 0;
  return fastest([await runFor(plan.minS)]);
}

function fastest(rounds: readonly Throughput[]): Throughput {
  const rate = (t: Throughput) => t.events / t.seconds;
  const best = rounds.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  return { ...best, roundRates: rounds.map(rate) };
}

function finish(events: number, matched: number, t0: number, t1: number, cpu0: NodeJS.CpuUsage): Throughput {
  const cpu = process.cpuUsage(cpu0);
  const seconds = (t1 - t0) / 1000;
  return { events, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, matched, roundRates: [events / seconds] };
}
