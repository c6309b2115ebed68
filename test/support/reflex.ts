// Starts a real Reflex (in this process, on a loopback port and a fresh test database) for
// tests that talk HTTP to it, with an admin token known in advance.
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { startReflex } from "../../src/app.js";
import type { ReflexOptions, RunningReflex } from "../../src/app.js";
import { allocateTestDatabase } from "./store.js";
import type { TestDatabase } from "./store.js";

export interface TestReflex {
  reflex: RunningReflex;
  url: string;
  adminToken: string;
  database: TestDatabase;
  /** fetch against the API with the admin token unless other headers say otherwise. */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/** A token in Reflex's format, for presetting. */
export function makeToken(): string {
  return `rfx_${randomBytes(32).toString("base64url")}`;
}

export async function startTestReflex(options: Partial<ReflexOptions> = {}): Promise<TestReflex> {
  const database = allocateTestDatabase();
  const adminToken = makeToken();
  const reflex = await startReflex({
    port: 0,
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    dbSchema: database.schema,
    adminToken,
    logger: pino({ level: process.env.REFLEX_TEST_LOG ?? "silent" }),
    env: {},
    ...options,
  });
  const url = reflex.url ?? "";
  return {
    reflex,
    url,
    adminToken,
    database,
    api: (path, init = {}) => {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      const bearer = token === undefined ? adminToken : token;
      if (bearer !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${bearer}`);
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    stop: async () => {
      await reflex.close();
      await database.drop();
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
}
