// `reflex drill …` as operators run it: a real CLI process against a real Reflex and simulator.
// `run` follows the run line by line, prints the verdict, writes report.json and report.html
// with --out, and exits 1 when the drill did not pass; `list`, `runs` and `report` read back.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDrillWorld } from "./drill-world.js";
import type { DrillWorld } from "./drill-world.js";

const ENTRY = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let world: DrillWorld;
let out: string;

function reflex(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", ENTRY, ...args], { env: { ...process.env, REFLEX_URL: world.reflex.url, REFLEX_TOKEN: world.reflex.adminToken }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err && typeof err.code === "number" ? err.code : err ? 1 : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  world = await startDrillWorld();
  out = mkdtempSync(join(tmpdir(), "reflex-drill-out-"));
}, 30_000);

afterAll(async () => {
  await world?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("reflex drill", () => {
  it("lists the drills", async () => {
    const list = await reflex(["drill", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^NAME\s+FAULT\s+INSTANCES\s+DETECT\s+HEAL\s+MIN$/m);
    expect(list.stdout).toMatch(/^ping-5\s+ping_unreachable\s+5 new tencent\s+10s\s+15s\s+100%$/m);
  });

  it("runs a drill to its end, streams what it sees, and writes both reports", async () => {
    const run = await reflex(["drill", "run", "ping-5", "--instances", "2", "--out", out, "--poll", "100"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^started run \S+ of drill ping-5; following it/);
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3}\s+ins-\S+\s+injected ping_unreachable/m);
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3}\s+ins-\S+\s+healed: the simulator cleared the fault/m);
    expect(run.stdout).toMatch(/^drill ping-5, run \S+: PASSED$/m);
    expect(run.stdout).toMatch(/^ {2}pass {2}minHealedPercent 100%: 2 of 2 instances \(100%\) detected and healed in time; 100% required$/m);
    expect(run.stdout).toMatch(/^ {2}MTTD \S+, MTTR \S+ \(heal p50 \S+, p95 \S+, max \S+\)$/m);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { status: string; runId: string };
    expect(report.status).toBe("passed");
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("<svg");

    const again = await reflex(["--json", "drill", "report", report.runId]);
    expect(JSON.parse(again.stdout)).toMatchObject({ runId: report.runId, status: "passed" });
    const html = await reflex(["drill", "report", report.runId, "--html"]);
    expect(html.stdout.startsWith("<!doctype html>")).toBe(true);
  });

  it("exits 1 when the drill fails, and 2 with one line for an unknown drill", async () => {
    const failed = await reflex(["drill", "run", "readonly-unhealed", "--poll", "100"]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^drill readonly-unhealed, run \S+: FAILED$/m);
    expect(failed.stdout).toMatch(/^ {2}FAIL {2}healWithin 1s: 0 of 2 instances \(0%\) healed within 1s$/m);
    const unknown = await reflex(["drill", "run", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^reflex: POST \/api\/v1\/drills\/nope\/runs failed with 404: drill 'nope' was not found/);
  });

  it("starts without waiting and lists the runs", async () => {
    const started = await reflex(["drill", "run", "ping-5", "--instances", "1", "--no-wait"]);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^started run \S+ of drill ping-5; follow it with: reflex drill report \S+\n$/);
    const runs = await reflex(["drill", "runs", "--drill", "ping-5"]);
    expect(runs.stdout).toMatch(/^RUN\s+DRILL\s+STATUS\s+STARTED\s+HEALED\s+MTTR$/m);
    expect(runs.stdout.trim().split("\n")).toHaveLength(3);
  });
});
