// What a console browser test runs against: the playground as `npm start` starts it (Reflex,
// the cloud simulator with its starter fleet, every seed scenario under examples/), on free
// loopback ports and a fresh test database (SQLite, or a PostgreSQL schema when
// REFLEX_TEST_DATABASE_URL is set), serving a fresh build of the console.
import { pino } from "pino";
import { startPlayground } from "../../../src/playground/start-playground.js";
import type { RunningPlayground } from "../../../src/playground/start-playground.js";
import { SimControlClient } from "../../../src/sim/control-client.js";
import { allocateTestDatabase } from "../../support/store.js";
import type { TestDatabase } from "../../support/store.js";
import { buildConsole } from "./console-build.js";

/** A fixed master key for the secrets the playground stores (the simulator's keys). */
const MASTER_KEY = Buffer.alloc(32, 7).toString("base64");

/** A running playground with the console, for one test file. */
export interface ConsoleEnvironment {
  /** Reflex's base URL: the console at `/`, the API at `/api/v1`. */
  url: string;
  adminToken: string;
  playground: RunningPlayground;
  /** The simulator's control API (fleet, faults, chat). */
  sim: SimControlClient;
  /** The fleet's instance ids, Tencent ones first. */
  instances: string[];
  /** fetch against the API with the admin token (or `token`, or none when null); JSON bodies are sent as JSON. */
  api(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<Response>;
  /** `api` expecting `expectStatus` (any 2xx by default) and answering the parsed JSON body. */
  json<T>(path: string, init?: { method?: string; body?: unknown; token?: string | null; expectStatus?: number }): Promise<T>;
  close(): Promise<void>;
}

/** Options of `startConsoleEnvironment`. */
export interface ConsoleEnvironmentOptions {
  /** How much faster than the real clouds the simulator runs (default 50). */
  speed?: number;
  /** Reflex's HTTP port (default 0: any free one). */
  port?: number;
  /** Reflex's log level (default REFLEX_TEST_LOG, else silent). */
  logLevel?: string;
}

/** Builds the console, then starts the playground on a fresh test database serving it. */
export async function startConsoleEnvironment(options: ConsoleEnvironmentOptions = {}): Promise<ConsoleEnvironment> {
  const consoleDir = await buildConsole();
  const database: TestDatabase = allocateTestDatabase();
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({
      reflex: {
        port: options.port ?? 0,
        dataDir: database.dataDir,
        databaseUrl: database.databaseUrl,
        dbSchema: database.schema,
        logger: pino({ level: options.logLevel ?? process.env.REFLEX_TEST_LOG ?? "silent" }),
        env: { ...process.env, REFLEX_CONSOLE_DIR: consoleDir, REFLEX_MASTER_KEY: MASTER_KEY },
      },
      simPort: 0,
      speed: options.speed ?? 50,
    });
  } catch (err) {
    await database.drop();
    throw err;
  }
  const url = playground.reflex.url ?? "";
  const api: ConsoleEnvironment["api"] = (path, init = {}) => {
    const headers = new Headers();
    const token = init.token === undefined ? playground.adminToken : init.token;
    if (token !== null) headers.set("authorization", `Bearer ${token}`);
    if (init.body !== undefined) headers.set("content-type", "application/json");
    return fetch(`${url}${path}`, { method: init.method ?? "GET", headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  };
  return {
    url,
    adminToken: playground.adminToken,
    playground,
    sim: new SimControlClient({ url: playground.sim.url }),
    instances: playground.instances,
    api,
    json: async <T>(path: string, init: { method?: string; body?: unknown; token?: string | null; expectStatus?: number } = {}): Promise<T> => {
      const res = await api(path, init);
      const text = await res.text();
      const ok = init.expectStatus === undefined ? res.ok : res.status === init.expectStatus;
      if (!ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}${init.expectStatus === undefined ? "" : ` (expected ${init.expectStatus})`}: ${text}`);
      return (text === "" ? undefined : JSON.parse(text)) as T;
    },
    close: async () => {
      try {
        await playground.close();
      } finally {
        await database.drop();
      }
    },
  };
}
