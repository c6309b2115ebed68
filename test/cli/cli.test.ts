// The `reflex` command as users run it: a real process, against a real server and database.
// Every failure is one clear line and a non-zero exit.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function reflex(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err && typeof err.code === "number" ? err.code : err ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

let t: TestReflex;
let env: Record<string, string>;
beforeAll(async () => {
  t = await startTestReflex();
  env = { REFLEX_URL: t.url, REFLEX_TOKEN: t.adminToken, ...t.database.env };
});
afterAll(async () => t.stop());

describe("reflex CLI", () => {
  it("prints its version", async () => {
    const run = await reflex(["version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^reflex \d+\.\d+\.\d+/);
  });

  it("validates a config directory: 0 when valid, 1 with file:line:col problems when not", async () => {
    const good = writeConfigDir({ "bus.yaml": "kind: Bus\nname: ops\n" });
    const ok = await reflex(["validate", good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("valid (1 documents)");
    const bad = writeConfigDir({ "bus.yaml": "kind: Bus\nname: ops\nvalidation: maybe\n---\nkind: Rulez\nname: x\n" });
    const run = await reflex(["validate", bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(bad, "bus.yaml")}:3:13:`);
    expect(run.stderr).toMatch(/bus\.yaml:5:\d+: .*Rulez/);
    expect(run.stderr).toContain("2 problems");
  });

  it("refuses to start on an invalid config and lists its problems", async () => {
    const bad = writeConfigDir({ "source.yaml": "kind: Source\nname: s\ntype: webhook\n" });
    const run = await reflex(["up", "--config", bad, "--port", "0"], t.database.env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("the configuration has problems");
    expect(run.stderr).toMatch(/source\.yaml:\d+:\d+: .*mapping/);
  });

  it("sends events from a file and from stdin, then finds and shows them", async () => {
    const file = join(writeConfigDir({}), "events.json");
    writeFileSync(file, JSON.stringify([{ id: "cli-1", source: "cli.test", type: "t", subject: "ins-cli" }, { id: "cli-2", type: "no-source" }]));
    const sent = await reflex(["events", "send", file], env);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toContain("accepted 1, duplicates 0, rejected 1");
    expect(sent.stdout).toMatch(/#1 cli-2: .*source/);

    const piped = await reflex(["events", "send", "-"], env, JSON.stringify({ id: "cli-3", source: "cli.test", type: "t", subject: "ins-cli" }));
    expect(piped.code).toBe(0);

    const search = await reflex(["--json", "events", "search", "--subject", "ins-cli"], env);
    expect(search.code).toBe(0);
    const page = JSON.parse(search.stdout) as { items: { event: { id: string } }[] };
    expect(page.items.map((i) => i.event.id)).toEqual(["cli-3", "cli-1"]);

    const matched = await reflex(["--json", "events", "search", "--pattern", '{"subject": ["ins-cli"], "id": [{"prefix": "cli-3"}]}'], env);
    expect((JSON.parse(matched.stdout) as { items: { event: { id: string } }[] }).items.map((i) => i.event.id)).toEqual(["cli-3"]);

    const table = await reflex(["events", "search", "--source", "cli.test"], env);
    expect(table.stdout).toMatch(/^TIME\s+BUS\s+SOURCE/);

    const get = await reflex(["events", "get", "cli-1"], env);
    expect(JSON.parse(get.stdout)).toMatchObject({ event: { id: "cli-1", subject: "ins-cli" } });
  });

  it("creates, lists and revokes tokens on the host's database", async () => {
    const created = await reflex(["tokens", "create", "--name", "ci-bot", "--role", "viewer", "--data", t.database.dataDir], env);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^rfx_/);
    expect((await t.api("/api/v1/events", { token })).status).toBe(200);

    const list = await reflex(["tokens", "list", "--data", t.database.dataDir], env);
    expect(list.stdout).toMatch(/ci-bot\s+viewer/);
    expect(list.stdout).not.toContain(token);

    const revoked = await reflex(["tokens", "revoke", "ci-bot", "--data", t.database.dataDir], env);
    expect(revoked.stdout).toContain("revoked 1 token");
    const again = await reflex(["tokens", "revoke", "ci-bot", "--data", t.database.dataDir], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("says in one line what went wrong", async () => {
    const down = await reflex(["events", "search"], { REFLEX_URL: "http://127.0.0.1:9", REFLEX_TOKEN: "x" });
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
    expect(down.stderr).toMatch(/cannot reach Reflex at http:\/\/127\.0\.0\.1:9/);

    const unauthorized = await reflex(["events", "search"], { ...env, REFLEX_TOKEN: "rfx_not_a_real_token_at_all_00" });
    expect(unauthorized.stderr).toMatch(/401/);

    const missing = await reflex(["events", "send", "/nonexistent/file.json"], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^reflex: .*no such file/i);
  });
});
