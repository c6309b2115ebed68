// The packs and actions API and CLI against a real HTTP server on loopback (the auth guard,
// the problem handler and the packs routes, on a real test database): `packs list|show` shows
// the built-in packs and the sample, `actions show` one action with its pack, and `actions
// run` runs the sample action ad hoc through the API and the CLI, bounded by its timeout and
// recorded in the audit log with its secret hidden.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinActions } from "../../src/actions/index.js";
import { systemClock } from "../../src/core/clock.js";
import { FunctionActions, actionsWithFunctions } from "../../src/functions/index.js";
import { ActionRunner, PackCatalog, PackService, loadConfigWithPacks, setUpPacks } from "../../src/packs/index.js";
import { installAuthGuard } from "../../src/server/auth/guard.js";
import { TokenService } from "../../src/server/auth/token-service.js";
import { problemHandler } from "../../src/server/problem.js";
import { packRoutes } from "../../src/server/routes/packs.js";
import { memorySecrets } from "../functions/support.js";
import { makeToken } from "../support/reflex.js";
import { openTestStore } from "../support/store.js";
import type { Store } from "../../src/store/open-store.js";
import { writeSamplePack } from "./sample-pack.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const SECRET = "tok-7f3a9c1e";

let app: FastifyInstance;
let store: Store;
let cleanup: () => Promise<void>;
let url: string;
const adminToken = makeToken();

beforeAll(async () => {
  const opened = await openTestStore();
  store = opened.store;
  cleanup = opened.cleanup;
  const dir = writeSamplePack({
    "packs/acme/actions/spin.yaml": "name: spin\ndescription: Never ends\nentry: spin.js\ntimeout: 1s\n",
    "packs/acme/actions/spin.js": "exports.main_handler = () => { for (;;) {} };\n",
  });
  const registry = builtinActions({});
  const setup = await setUpPacks({ configDir: dir, env: {}, actions: registry, reflexVersion: "0.1.0" });
  const loaded = await loadConfigWithPacks(dir, setup, registry);
  const config = loaded.config;
  if (config === null) throw new Error(JSON.stringify(loaded.problems));
  const actions = actionsWithFunctions(registry, new FunctionActions({ config: () => config }));
  const catalog = new PackCatalog({ installed: setup.packs, refs: () => registry.refs(), version: "0.1.0", config: () => config });
  const packs = new PackService(catalog, actions, new ActionRunner({ actions, secrets: memorySecrets({ ACME_TOKEN: SECRET }), db: store.db, clock: systemClock }));
  const tokens = new TokenService(store, systemClock);
  await tokens.bootstrapAdmin(adminToken);
  app = Fastify();
  app.setErrorHandler(problemHandler);
  installAuthGuard(app, tokens, "on");
  packRoutes(app, { packs });
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await app?.close();
  await cleanup?.();
});

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json", ...init.headers } });
}

function reflex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...process.env, REFLEX_URL: url, REFLEX_TOKEN: adminToken }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err && typeof err.code === "number" ? err.code : err ? 1 : 0, stdout, stderr });
    });
  });
}

describe("packs", () => {
  it("lists the built-in packs and the installed one, through the API and the CLI", async () => {
    const answer = (await (await api("/api/v1/packs")).json()) as { items: { name: string; builtIn: boolean; version: string; actions: string[] }[] };
    expect(answer.items.map((p) => [p.name, p.builtIn])).toEqual([
      ["core", true],
      ["notify", true],
      ["tencent", true],
      ["aliyun", true],
      ["acme", false],
    ]);
    expect(answer.items[0]?.actions).toContain("core.echo");
    expect(answer.items[2]?.actions).toContain("tencent.cvm.reboot_instances");

    const list = await reflex(["packs", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^core\s+0\.1\.0\s+built-in\s+\d+\s+The actions every Reflex has/m);
    expect(list.stdout).toMatch(/^acme\s+1\.2\.0\s+installed\s+2\s+ACME runbooks$/m);
  });

  it("shows one pack with its actions, workflows and rules, and says when there is none", async () => {
    const show = await reflex(["packs", "show", "acme"]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("acme 1.2.0 (installed)");
    expect(show.stdout).toMatch(/^defined at: .*packs\/acme\/pack\.yaml:1:1$/m);
    expect(show.stdout).toMatch(/^actions: {4}acme\.greet, acme\.spin$/m);
    expect(show.stdout).toMatch(/^workflows: {2}acme\.greet-all$/m);
    expect(show.stdout).toMatch(/^rules: {6}acme\.on-alert$/m);

    const missing = await api("/api/v1/packs/nope");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toContain("pack 'nope' was not found");
  });
});

describe("actions", () => {
  it("shows one action with its pack, schema and timeout", async () => {
    const res = await api("/api/v1/actions/acme.greet");
    expect(await res.json()).toMatchObject({ ref: "acme.greet", pack: "acme", timeoutMs: 10_000, secrets: ["ACME_TOKEN"], inputSchema: { required: ["who"] } });
    const notify = await reflex(["actions", "show", "core.echo"]);
    expect(JSON.parse(notify.stdout)).toMatchObject({ ref: "core.echo", pack: "core" });
  });

  it("runs an action ad hoc through the API, hides its secret and records the run", async () => {
    const res = await api("/api/v1/actions/acme.greet/run", { method: "POST", body: JSON.stringify({ input: { who: "api" } }) });
    expect(res.status).toBe(200);
    const run = (await res.json()) as { id: string; status: string; result: { greeting: string; token: string }; logs: { line: string }[] };
    expect(run).toMatchObject({ status: "succeeded", result: { greeting: "hello api", token: "***" } });
    expect(run.logs.map((l) => l.line)).toContain("greeting api");

    const row = await store.db.selectFrom("audit_log").selectAll().where("id", "=", run.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor: "bootstrap-admin", action: "action.run", target_kind: "action", target_id: "acme.greet" });
    expect(row.detail).toContain('"status":"succeeded"');
    expect(row.detail).not.toContain(SECRET);
  });

  it("refuses input the schema does not admit, and an unknown action", async () => {
    const bad = await api("/api/v1/actions/acme.greet/run", { method: "POST", body: JSON.stringify({ input: { who: 1 } }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain("acme.greet input /who: must be string");
    expect((await api("/api/v1/actions/acme.nope/run", { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("stops a run at the action's timeout and records it", async () => {
    const res = await api("/api/v1/actions/acme.spin/run", { method: "POST", body: JSON.stringify({ input: {} }) });
    const run = (await res.json()) as { id: string; status: string; error: string; durationMs: number };
    expect(run.status).toBe("failed");
    expect(run.error).toContain("did not finish within 1s and was stopped");
    expect(run.durationMs).toBeLessThan(6_000);
    const row = await store.db.selectFrom("audit_log").select("detail").where("id", "=", run.id).executeTakeFirstOrThrow();
    expect(row.detail).toContain('"status":"failed"');
  });

  it("runs an action ad hoc through the CLI, and exits non-zero when it fails", async () => {
    const [ok, failed] = await Promise.all([reflex(["actions", "run", "acme.greet", "--input", "who=cli"]), reflex(["actions", "run", "core.fail", "-i", "message=the disk is full"])]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ greeting: "hello cli", token: "***" });
    expect(ok.stderr).toContain("stdout: greeting cli");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("reflex: action core.fail failed: the disk is full");
  });
});
