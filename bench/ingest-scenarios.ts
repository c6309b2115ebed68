// The ingest scenarios and the targets of issue 2, in one place so the runner and the report
// agree on them. Durations keep a whole `npm run bench` near two minutes on a 2-core machine.

/** One way of loading the ingest endpoint. */
export interface Scenario {
  key: "single" | "batch" | "rate";
  title: string;
  eventsPerRequest: number;
  connections: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  overallRate?: number;
  /** Also run against the bare-Fastify peer (the HTTP ceiling). */
  peer: boolean;
  /** Seconds of unmeasured load first, so the JIT and caches are warm. */
  warmupS: number;
}

/** Measured seconds per scenario (BENCH_DURATION_S overrides, e.g. 2 for a quick check). */
export const DURATION_S = durationFromEnv(process.env.BENCH_DURATION_S, 10);

export const SCENARIOS: readonly Scenario[] = [
  { key: "single", title: "Single-event POSTs, maximum throughput", eventsPerRequest: 1, connections: 32, peer: true, warmupS: 2 },
  { key: "batch", title: "100-event batch POSTs, maximum throughput", eventsPerRequest: 100, connections: 8, peer: true, warmupS: 2 },
  { key: "rate", title: "Single-event POSTs at a fixed 1,000 events/s", eventsPerRequest: 1, connections: 10, overallRate: 1_000, peer: false, warmupS: 0 },
];

/** A performance target of issue 2, judged on the SQLite numbers. */
export interface Target {
  scenario: Scenario["key"];
  label: string;
  /** The measured value it is judged on, and whether it is met. */
  judge(eventsPerS: number, p99Ms: number): { value: string; met: boolean };
}

export const TARGETS: readonly Target[] = [
  {
    scenario: "batch",
    label: "≥ 20,000 events/s batched",
    judge: (eps) => ({ value: `${Math.round(eps).toLocaleString("en-US")} events/s`, met: eps >= 20_000 }),
  },
  {
    scenario: "single",
    label: "≥ 5,000 events/s single",
    judge: (eps) => ({ value: `${Math.round(eps).toLocaleString("en-US")} events/s`, met: eps >= 5_000 }),
  },
  {
    scenario: "rate",
    label: "p99 < 20 ms at 1,000 events/s",
    // The rate must also have been sustained, or the latency would be of a lighter load.
    judge: (eps, p99) => ({ value: `p99 ${p99.toFixed(1)} ms at ${Math.round(eps).toLocaleString("en-US")} events/s`, met: p99 < 20 && eps >= 950 }),
  },
];

function durationFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`BENCH_DURATION_S must be a positive number of seconds, got '${value}'`);
  return n;
}
