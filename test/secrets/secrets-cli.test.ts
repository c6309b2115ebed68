// `reflex secrets` as users run it: a real process against a real server and database. The
// value comes from stdin (one trailing newline dropped, an empty one refused) and is never
// printed; `rekey` re-encrypts on the host's database with the old and the new key.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { createSecretStore, parseMasterKey } from "../../src/secrets/index.js";
import type { Store } from "../../src/store/open-store.js";
import type { TestDatabase } from "../support/store.js";
import { openTestStore, testDatabaseUrl } from "../support/store.js";
import { newKeyText, startSecretsServer, storeWithKey } from "./support.js";
import type { SecretsServer } from "./support.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function reflex(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  const clean = { ...process.env };
  for (const name of ["REFLEX_MASTER_KEY", "REFLEX_OLD_MASTER_KEY", "REFLEX_URL", "REFLEX_TOKEN", "DATABASE_URL", "REFLEX_DB_SCHEMA", "REFLEX_DATA_DIR"]) delete clean[name];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...clean, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err && typeof err.code === "number" ? err.code : err ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

const OLD_KEY = newKeyText();
let store: Store;
let database: TestDatabase;
let cleanup: () => Promise<void>;
let server: SecretsServer;
let env: Record<string, string>;

beforeAll(async () => {
  ({ store, database, cleanup } = await openTestStore());
  server = await startSecretsServer(store, storeWithKey(store, parseMasterKey(OLD_KEY, "REFLEX_MASTER_KEY")));
  env = { REFLEX_URL: server.url, REFLEX_TOKEN: server.tokens.admin };
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

// Each test starts the CLI (through tsx) several times: give them room on a busy machine.
const SLOW = 90_000;

describe("reflex secrets", () => {
  it("sets a secret from stdin, dropping one trailing newline, and never prints the value", async () => {
    const set = await reflex(["secrets", "set", "cli.password"], env, "hunter2-from-stdin\n");
    expect(set).toMatchObject({ code: 0, stdout: "set secret cli.password\n" });
    expect(await server.secrets.resolve(["cli.password"])).toEqual({ "cli.password": "hunter2-from-stdin" });

    const pem = "-----BEGIN KEY-----\r\nAAAA\r\n-----END KEY-----\r\n\r\n";
    const json = await reflex(["--json", "secrets", "set", "cli.pem"], env, pem);
    expect(json.code).toBe(0);
    expect(Object.keys(JSON.parse(json.stdout) as object).sort()).toEqual(["createdAt", "name", "updatedAt"]);
    expect((await server.secrets.resolve(["cli.pem"]))["cli.pem"]).toBe(pem.slice(0, -2));
    expect(`${set.stdout}${set.stderr}${json.stdout}${json.stderr}`).not.toContain("hunter2");
  }, SLOW);

  it("refuses an empty value and a bad name with one clear line", async () => {
    const empty = await reflex(["secrets", "set", "cli.empty"], env, "\n");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('reflex: secret cli.empty: stdin was empty; pipe the value in, e.g. `printf %s "$VALUE" | reflex secrets set cli.empty`\n');
    const badName = await reflex(["secrets", "set", "bad name"], env, "value");
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/PUT \/api\/v1\/secrets\/bad%20name failed with 400: secret name "bad name" is not valid/);
  }, SLOW);

  it("lists names and times, and deletes", async () => {
    const list = await reflex(["secrets", "list"], env);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(/^NAME\s+CREATEDAT\s+UPDATEDAT$/);
    expect(list.stdout).toMatch(/^cli\.password\s+\d{4}-\d\d-\d\dT/m);
    expect(list.stdout).not.toContain("hunter2");

    expect(await reflex(["secrets", "delete", "cli.pem"], env)).toMatchObject({ code: 0, stdout: "deleted secret cli.pem\n" });
    const again = await reflex(["secrets", "delete", "cli.pem"], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("secret 'cli.pem' was not found");
    expect((await server.secrets.list()).map((s) => s.name)).toEqual(["cli.password"]);
  }, SLOW);

  it("rekey re-encrypts every secret under REFLEX_MASTER_KEY, given the old key", async () => {
    const newKey = newKeyText();
    const missing = await reflex(["secrets", "rekey"], { ...database.env, REFLEX_OLD_MASTER_KEY: OLD_KEY });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/REFLEX_MASTER_KEY is not set: set it to the new master key/);

    const run = await reflex(["secrets", "rekey"], { ...database.env, REFLEX_OLD_MASTER_KEY: OLD_KEY, REFLEX_MASTER_KEY: newKey });
    expect(run.stderr).toBe("");
    expect(run).toMatchObject({ code: 0, stdout: "re-encrypted 1 secret under the new master key; restart every node with REFLEX_MASTER_KEY set to it\n" });
    const rekeyed = createSecretStore({ store, clock: systemClock, env: { REFLEX_MASTER_KEY: newKey }, dataDir: database.dataDir });
    expect(await rekeyed.resolve(["cli.password"])).toEqual({ "cli.password": "hunter2-from-stdin" });
    await expect(storeWithKey(store, parseMasterKey(OLD_KEY, "REFLEX_MASTER_KEY"), systemClock, 0).resolve(["cli.password"])).rejects.toThrow(/is not the one the stored secrets were encrypted with/);

    const wrong = await reflex(["secrets", "rekey"], { ...database.env, REFLEX_OLD_MASTER_KEY: newKeyText(), REFLEX_MASTER_KEY: newKeyText() });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/the old key \(REFLEX_OLD_MASTER_KEY\) is not the one the stored secrets are encrypted with/);
  }, SLOW);

  it.runIf(testDatabaseUrl === undefined)("rekey takes the old key from the data directory's key file when REFLEX_OLD_MASTER_KEY is not set", async () => {
    await store.db.deleteFrom("secrets").execute();
    const fromFile = createSecretStore({ store, clock: systemClock, env: {}, dataDir: database.dataDir });
    await fromFile.set("cli.file", "file-kept-value");
    const newKey = newKeyText();
    const run = await reflex(["secrets", "rekey"], { ...database.env, REFLEX_MASTER_KEY: newKey });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("re-encrypted 1 secret");
    expect(run.stdout).toMatch(/the key file .*master\.key still holds the old key/);
    const rekeyed = createSecretStore({ store, clock: systemClock, env: { REFLEX_MASTER_KEY: newKey }, dataDir: database.dataDir });
    expect(await rekeyed.resolve(["cli.file"])).toEqual({ "cli.file": "file-kept-value" });
  }, SLOW);
});
