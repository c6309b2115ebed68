// The `ingest` suite: Reflex's event ingest under load, on SQLite and on PostgreSQL, next to a
// bare Fastify peer for the HTTP ceiling. Each server is its own process; the load comes from
// this process. After every run the stored events are checked against the acknowledged ones.
import { randomBytes } from "node:crypto";
import { cvmEvents } from "./cvm-events.js";
import type { CvmEvents } from "./cvm-events.js";
import { BENCH_POSTGRES_URL, engineVersion, postgresDatabase, sqliteDatabase } from "./databases.js";
import type { BenchDatabase } from "./databases.js";
import { ingestSection } from "./ingest-report.js";
import type { Measurement } from "./ingest-report.js";
import { DURATION_S, SCENARIOS } from "./ingest-scenarios.js";
import type { Scenario } from "./ingest-scenarios.js";
import { runLoad } from "./load.js";
import type { LoadResult } from "./load.js";
import { reflexLaunch, startReflexProcess } from "./reflex-process.js";
import { startServerProcess } from "./server-process.js";
import type { ServerProcess } from "./server-process.js";
import { checkStored } from "./stored-check.js";
import type { Suite, SuiteContext } from "./suite.js";

const PATH = "/api/v1/events";
const PEER = "Peer (bare Fastify)";

export const ingestSuite: Suite = {
  name: "ingest",
  async run(ctx) {
    const launch = reflexLaunch();
    const events = cvmEvents(Date.now());
    const tag = randomBytes(3).toString("hex");
    const measurements: Measurement[] = [];
    const engines: string[] = [];
    const notes: string[] = [];

    const onDatabase = async (database: BenchDatabase) => {
      const token = `rfx_bench_${randomBytes(24).toString("base64url")}`;
      const name = `Reflex · ${database.label}`;
      try {
        const server = await startReflexProcess(launch, database, token, process.env.BENCH_CPU_PROF);
        try {
          const store = await database.open();
          try {
            engines.push(await engineVersion(store));
            for (const scenario of SCENARIOS) {
              const base = `${tag}-${database.label.slice(0, 2).toLowerCase()}-${scenario.key}-`;
              const { load, idPrefix, serverCpuS } = await measure(ctx, name, scenario, server, events, base, token);
              const check = await checkStored(store, idPrefix, load.ackedIds);
              ctx.log(`${name} · ${scenario.key}: ${check.acked} acknowledged, ${check.stored} stored, ${check.lost} lost`);
              measurements.push({ server: name, peer: false, scenario, load, serverCpuS, check });
            }
          } finally {
            await store.close();
          }
        } finally {
          await server.stop();
        }
      } finally {
        await database.drop();
      }
    };

    await onDatabase(sqliteDatabase());
    const postgres = await postgresDatabase(BENCH_POSTGRES_URL);
    if ("unavailable" in postgres) {
      const skipped = `PostgreSQL was skipped: ${postgres.unavailable}.`;
      notes.push(skipped);
      ctx.log(skipped);
    } else {
      await onDatabase(postgres);
    }

    const peer = await startServerProcess("peer", ["--import", "tsx", "bench/peer-server.ts"], {});
    try {
      for (const scenario of SCENARIOS.filter((s) => s.peer)) {
        const { load, serverCpuS } = await measure(ctx, PEER, scenario, peer, events, `${tag}-peer-${scenario.key}-`);
        measurements.push({ server: PEER, peer: true, scenario, load, serverCpuS, check: null });
      }
    } finally {
      await peer.stop();
    }

    return ingestSection({ machine: ctx.machine, launch: launch.how, engines, events, measurements, notes });
  },
};

/**
 * Warms up (unmeasured), then runs the scenario's measured load. Ids start with `base` then
 * `w-` (warm-up) or `m-` (measured), so the measured events can be found by their prefix.
 */
async function measure(
  ctx: SuiteContext,
  name: string,
  scenario: Scenario,
  server: ServerProcess,
  events: CvmEvents,
  base: string,
  token?: string,
): Promise<{ load: LoadResult; idPrefix: string; serverCpuS: number | null }> {
  const spec = {
    url: server.url,
    path: PATH,
    connections: scenario.connections,
    eventsPerRequest: scenario.eventsPerRequest,
    events,
    ...(token ? { token } : {}),
    ...(scenario.overallRate ? { overallRate: scenario.overallRate } : {}),
  };
  if (scenario.warmupS > 0) await runLoad({ ...spec, durationS: scenario.warmupS, idPrefix: `${base}w-` });
  const idPrefix = `${base}m-`;
  const cpuBefore = server.cpuSeconds();
  const load = await runLoad({ ...spec, durationS: DURATION_S, idPrefix });
  const cpuAfter = server.cpuSeconds();
  const serverCpuS = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const eventsPerS = load.ackedIds.length / load.durationS;
  ctx.log(`${name} · ${scenario.key}: ${Math.round(eventsPerS)} events/s, p50 ${load.latency.p50.toFixed(2)} ms, p99 ${load.latency.p99.toFixed(2)} ms`);
  return { load, idPrefix, serverCpuS };
}
