// The `console` suite (issue 7): every console page's data loads in under 300 ms with 100,000
// stored events and 10,000 workflow executions. For SQLite and PostgreSQL in turn: a fresh
// database is seeded with a week of events, what the seed scenarios' rules made of them and
// the executions they started; Reflex is started on it as a built process with the seed
// scenarios' config and the cloud simulator (`reflex up --config examples --sim`, as the Fleet
// page needs one); then each page's API requests are timed alone and together. A bare Fastify
// peer answering the same bodies from memory gives the HTTP + JSON floor.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigDir } from "../src/config/load.js";
import type { ReflexConfig } from "../src/config/types.js";
import { cvmInstanceId, seedEvents } from "./console-events.js";
import type { SeedEvent } from "./console-events.js";
import { measurePage, measureRequests } from "./console-measure.js";
import type { MeasurePlan, RecordedAnswer, Target } from "./console-measure.js";
import { consolePages } from "./console-pages.js";
import type { ConsolePage } from "./console-pages.js";
import { consoleSection } from "./console-report.js";
import type { ConsoleRun, SeedShape } from "./console-report.js";
import { seedStore } from "./console-seed.js";
import type { SeedPlan } from "./console-seed.js";
import { storeSize } from "./console-size.js";
import { BENCH_POSTGRES_URL, engineVersion, postgresDatabase, sqliteDatabase } from "./databases.js";
import type { BenchDatabase } from "./databases.js";
import { reflexLaunch } from "./reflex-process.js";
import type { ReflexLaunch } from "./reflex-process.js";
import { REPO, startServerProcess } from "./server-process.js";
import type { ServerProcess } from "./server-process.js";
import type { Suite, SuiteContext } from "./suite.js";

const EVENTS = 100_000;
const SEED: SeedPlan = { executions: 10_000, days: 7, drillRuns: 40 };
const PLAN: MeasurePlan = { warmup: 5, requests: 40, pages: 30 };
/** The config Reflex runs with: the seed scenarios (rules, workflows, channels, a drill). */
const CONFIG_DIR = join(REPO, "examples");
/** An instance with events all week (a free-text search for it finds a few hundred). */
const INSTANCE = cvmInstanceId(42);

export const consoleSuite: Suite = {
  name: "console",
  async run(ctx) {
    const launch = reflexLaunch();
    const loaded = await loadConfigDir(CONFIG_DIR);
    if (!loaded.config) throw new Error(`${CONFIG_DIR} does not load: ${loaded.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`).join("; ")}`);
    const config = loaded.config;
    const now = Date.now();
    const started = performance.now();
    const events = await seedEvents(EVENTS, now, SEED.days);
    ctx.log(`made ${EVENTS.toLocaleString("en-US")} events with the source adapters in ${Math.round(performance.now() - started)} ms`);

    const runs: ConsoleRun[] = [];
    const notes: string[] = [];
    const answers = new Map<string, RecordedAnswer>();
    runs.push(await onDatabase(ctx, launch, config, events, sqliteDatabase(), answers));
    const postgres = await postgresDatabase(BENCH_POSTGRES_URL);
    if ("unavailable" in postgres) {
      notes.push(`PostgreSQL was skipped: ${postgres.unavailable}.`);
      ctx.log(notes[notes.length - 1] ?? "");
    } else {
      runs.push(await onDatabase(ctx, launch, config, events, postgres));
    }

    const first = runs[0];
    if (!first) throw new Error("no database was measured");
    const peer = await onPeer(ctx, first.pages, answers);
    const shape: SeedShape = { events: EVENTS, ...SEED, instance: INSTANCE };
    return consoleSection({ machine: ctx.machine, launch: launch.how, plan: PLAN, seed: shape, runs, peer, notes });
  },
};

/** Seeds `database`, runs Reflex on it and times every page; drops the database after. */
async function onDatabase(ctx: SuiteContext, launch: ReflexLaunch, config: ReflexConfig, events: readonly SeedEvent[], database: BenchDatabase, answers?: Map<string, RecordedAnswer>): Promise<ConsoleRun> {
  try {
    const store = await database.open();
    const { seeded, version, size } = await (async () => {
      try {
        return { seeded: await seedStore(store, config, events, SEED, Date.now()), version: await engineVersion(store), size: await storeSize(store, database.env.REFLEX_DATA_DIR) };
      } finally {
        await store.close();
      }
    })();
    ctx.log(`${database.label}: seeded in ${Math.round((seeded.eventsMs + seeded.restMs) / 1000)} s (${JSON.stringify(seeded.rows)})`);
    const token = `rfx_bench_${randomBytes(24).toString("base64url")}`;
    const server = await startConsoleReflex(launch, database, token);
    try {
      const target: Target = { url: server.url, token };
      const pages = consolePages(seeded.facts, INSTANCE);
      const requests = await measureRequests(target, pages.flatMap((p) => p.requests), PLAN, answers);
      const pageTimings: ConsoleRun["pages"] = [];
      for (const page of pages) {
        const t = await measurePage(target, page.requests, PLAN);
        ctx.log(`${database.label} · ${page.name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
        pageTimings.push({ page, timing: t });
      }
      return { label: database.label, version, seeded, size, pages: pageTimings, requests };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

/** Runs `reflex up` with the seed scenarios' config and the simulator, on a free port. */
function startConsoleReflex(launch: ReflexLaunch, database: BenchDatabase, adminToken: string): Promise<ServerProcess> {
  const args = [...launch.args, "up", "--host", "127.0.0.1", "--port", "0", "--config", CONFIG_DIR, "--sim", "--sim-port", "0"];
  // The simulator's keys are stored as secrets; on PostgreSQL the master key must come from the environment.
  const masterKey = randomBytes(32).toString("base64");
  return startServerProcess(`reflex (${database.label})`, args, { ...database.env, REFLEX_ADMIN_TOKEN: adminToken, REFLEX_MASTER_KEY: masterKey, LOG_LEVEL: "warn" });
}

/** The peer, answering the first database's recorded bodies. */
async function onPeer(ctx: SuiteContext, pages: readonly { page: ConsolePage }[], answers: ReadonlyMap<string, RecordedAnswer>): Promise<ConsoleRun["pages"]> {
  const dir = mkdtempSync(join(tmpdir(), "reflex-bench-console-"));
  const file = join(dir, "answers.json");
  writeFileSync(file, JSON.stringify(Object.fromEntries(answers)));
  ctx.log(`peer: ${answers.size} recorded answers, ${Math.round(statSync(file).size / 1024)} KiB`);
  try {
    const peer = await startServerProcess("peer", ["--import", "tsx", "bench/console-peer-server.ts"], { BENCH_CONSOLE_ANSWERS: file });
    try {
      const target: Target = { url: peer.url };
      const out: ConsoleRun["pages"] = [];
      for (const { page } of pages) out.push({ page, timing: await measurePage(target, page.requests, PLAN) });
      return out;
    } finally {
      await peer.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
