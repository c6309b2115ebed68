// `reflex rules …` and `reflex deliveries …` as users run them: a real CLI process against a
// running Reflex. Rules are applied from YAML, listed, shown, backtested and deleted; a pattern
// is tested locally (exit 0 on a match, 1 without); dead letters are listed and re-driven.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { Receiver } from "../rules/support.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

function reflex(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err && typeof err.code === "number" ? err.code : err ? 1 : 0, stdout, stderr });
    });
  });
}

let t: TestReflex;
let env: Record<string, string>;
const receiver = new Receiver();
const dir = mkdtempSync(join(tmpdir(), "reflex-rules-cli-"));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

beforeAll(async () => {
  await receiver.start();
  receiver.status = (r) => (r.url === "/down" ? 503 : 200);
  t = await startTestReflex();
  env = { REFLEX_URL: t.url, REFLEX_TOKEN: t.adminToken };
});
afterAll(async () => {
  await t.stop();
  await receiver.stop();
});

describe("reflex rules and deliveries", () => {
  it("applies, lists, shows, backtests and deletes rules", async () => {
    const rules = file(
      "rules.yaml",
      `kind: Rule
name: cli-ping
pattern: {source: cvm.cloud.tencent, type: ["cvm:ErrorEvent:PingUnreachable"]}
targets: [{type: workflow, workflow: heal, input: {id: "{{ event.subject }}"}}]
---
name: cli-down
pattern: {source: [cli.down]}
targets: [{name: hook, type: http, url: "${receiver.url}/down", retry: {attempts: 1}}]
`,
    );
    const applied = await reflex(["rules", "apply", "-f", rules], env);
    expect(applied).toMatchObject({ code: 0, stdout: "applied rule cli-ping\napplied rule cli-down\n" });

    await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "cli-1", source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-1" }) });
    const badFile = file("bad.yaml", "name: bad\npattern: {source: [{prefix: 1}]}\ntargets: [{type: workflow, workflow: w}]\n");
    const [list, backtest, bad] = await Promise.all([
      reflex(["rules", "list"], env),
      reflex(["rules", "backtest", "cli-ping", "--since", "1h"], env),
      reflex(["rules", "apply", "-f", badFile], env),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/NAME\s+BUS\s+ENABLED\s+TARGETS\s+ORIGIN/);
    expect(list.stdout).toMatch(/cli-ping\s+default\s+yes\s+t1:workflow\s+api/);
    expect(backtest.code).toBe(0);
    expect(backtest.stdout).toMatch(/scanned 1 events, 1 would match/);
    expect(backtest.stdout).toMatch(/cvm\.cloud\.tencent\s+cvm:ErrorEvent:PingUnreachable\s+ins-1\s+cli-1\s+t1/);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^reflex: .*rule 'bad' is not valid: \/pattern\/source\/0\/prefix: /);

    expect(await reflex(["rules", "delete", "cli-ping"], env)).toMatchObject({ code: 0, stdout: "deleted rule cli-ping\n" });
    expect((await t.api("/api/v1/rules/cli-ping")).status).toBe(404);
  });

  it("tests a pattern against an event without a server", async () => {
    const pattern = file("pattern.yaml", "source: cvm.cloud.tencent\nsubject: [ins-1, ins-2]\n");
    const hit = file("hit.json", JSON.stringify({ source: "cvm.cloud.tencent", subject: "ins-2" }));
    const miss = file("miss.json", JSON.stringify({ source: "cvm.cloud.tencent", subject: "ins-3" }));
    const [match, noMatch, strict] = await Promise.all([
      reflex(["rules", "test", "--pattern", pattern, "--event", hit], {}),
      reflex(["rules", "test", "--pattern", pattern, "--event", miss], {}),
      reflex(["rules", "test", "--pattern", pattern, "--event", hit, "--dialect", "eventbridge"], {}),
    ]);
    expect(match).toMatchObject({ code: 0, stdout: "match\n" });
    expect(noMatch).toMatchObject({ code: 1, stdout: "no match\n" });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/source/);
  });

  it("explains why a pattern does or does not match an event", async () => {
    const pattern = file("explained.yaml", "source: cvm.cloud.tencent\n$or:\n  - {subject: [ins-1, ins-2]}\n  - {type: [{prefix: 'cvm:Alarm'}], data: {state: [{anything-but: Running}]}}\n");
    const miss = file("explained-miss.json", JSON.stringify({ source: "cvm.cloud.tencent", subject: "ins-3", type: "cvm:AlarmEvent:Cpu", data: { state: "Running" } }));
    const hit = file("explained-hit.json", JSON.stringify({ source: "cvm.cloud.tencent", subject: "ins-2" }));
    const [noMatch, match, json] = await Promise.all([
      reflex(["rules", "test", "--pattern", pattern, "--event", miss, "--explain"], {}),
      reflex(["rules", "test", "--pattern", pattern, "--event", hit, "--explain"], {}),
      reflex(["--json", "rules", "test", "--pattern", pattern, "--event", miss, "--explain"], {}),
    ]);
    expect(noMatch.code).toBe(1);
    expect(noMatch.stdout.split("\n")).toEqual([
      "no match (alternative 2 of 2, the closest)",
      expect.stringMatching(/^HOLDS\s+POINTER\s+WANTS\s+EVENT$/),
      expect.stringMatching(/^yes\s+\/source\s+"cvm\.cloud\.tencent"\s+"cvm\.cloud\.tencent"$/),
      expect.stringMatching(/^yes\s+\/\$or\/1\/type\s+\[\{"prefix":"cvm:Alarm"\}\]\s+"cvm:AlarmEvent:Cpu"$/),
      expect.stringMatching(/^NO\s+\/\$or\/1\/data\/state\s+\[\{"anything-but":"Running"\}\]\s+"Running"$/),
      "",
    ]);
    expect(match.code).toBe(0);
    expect(match.stdout).toMatch(/^match \(alternative 1 of 2\)\n/);
    const answer = JSON.parse(json.stdout) as { match: boolean; explanation: { alternative: number; conditions: { pointer: string; holds: boolean }[] } };
    expect(answer.match).toBe(false);
    expect(answer.explanation.alternative).toBe(1);
    expect(answer.explanation.conditions.filter((c) => !c.holds).map((c) => c.pointer)).toEqual(["/$or/1/data/state"]);
  });

  it("lists dead letters and re-drives one", async () => {
    await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "down-1", source: "cli.down", type: "t" }) });
    const dead = await waitFor(async () => {
      const page = (await (await t.api("/api/v1/deliveries?status=dead&rule=cli-down")).json()) as { items: { id: string }[] };
      return page.items[0];
    }, "a dead letter");
    const table = await reflex(["deliveries", "list", "--status", "dead"], env);
    expect(table.stdout).toMatch(new RegExp(`${dead.id}\\s+cli-down\\s+hook:http\\s+dead\\s+1\\s+cli.down/down-1\\s+.*answered 503`));
    receiver.status = () => 200;
    expect(await reflex(["deliveries", "retry", dead.id], env)).toMatchObject({ code: 0, stdout: `delivery ${dead.id} is pending again\n` });
    await waitFor(async () => {
      const delivery = (await (await t.api(`/api/v1/deliveries/${dead.id}`)).json()) as { status: string };
      return delivery.status === "delivered" ? true : undefined;
    }, "the re-driven delivery");
  });
});
