// `reflex sim` as users run it, in real processes: the simulator in the foreground printing its
// URL, the credentials and the starter fleet; `reflex sim fleet` and `reflex sim fault` against
// it (tables for people, --json for scripts); refusals as one line and exit code 2; and a clean
// stop on SIGTERM.
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimControlClient } from "../../src/sim/control-client.js";
import type { SimInstance } from "../../src/sim/types.js";
import { SIM_FAULT_KINDS } from "../../src/sim/types.js";
import { waitFor } from "../support/reflex.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function reflex(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err && typeof err.code === "number" ? err.code : err ? 1 : 0, stdout, stderr });
    });
  });
}

let child: ChildProcess;
let output = "";
let url = "";
let exited: Promise<number | null>;

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", MAIN, "sim", "--port", "0", "--instances", "3", "--speed", "100"], { stdio: ["ignore", "pipe", "pipe"] });
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  url = await waitFor(async () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], "reflex sim to print its URL", 20_000);
  await waitFor(async () => (output.includes("Inject a fault") ? true : undefined), "the starter fleet to be printed");
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

describe("reflex sim", () => {
  it("prints its URL, the endpoints and keys for Reflex, and the starter fleet", () => {
    expect(output).toContain(`REFLEX_TENCENT_ENDPOINT=${url}`);
    expect(output).toContain(`REFLEX_ALIYUN_ENDPOINT=${url}`);
    expect(output).toMatch(/printf %s AKID[A-Za-z0-9]{32} \| reflex secrets set tencent\.secret_id/);
    expect(output).toMatch(/printf %s LTAI5t[A-Za-z0-9]{18} \| reflex secrets set aliyun\.access_key_id/);
    expect(output).toMatch(/ins-[a-z0-9]{8}\s+tencent\s+shop-web-1\s+RUNNING/);
    expect(output).toMatch(/i-[a-z0-9]{20}\s+aliyun\s+shop-api-1-spot \(spot\)\s+RUNNING/);
  });

  it("lists the fleet as a table, and as JSON with --json", async () => {
    const table = await reflex(["sim", "fleet", "--sim", url]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+CLOUD\s+NAME\s+STATE\s+IP\s+REGION\s+PROCESS\s+FAULTS$/);
    expect(table.stdout.trim().split("\n")).toHaveLength(4);
    expect(table.stdout).toMatch(/shop-web-1\s+RUNNING\s+10\.\S+\s+ap-guangzhou\s+app up\s+-/);
    const json = await reflex(["--json", "sim", "fleet"], { REFLEX_SIM_URL: url });
    expect(json.code).toBe(0);
    const instances = JSON.parse(json.stdout) as SimInstance[];
    expect(instances.map((i) => i.cloud)).toEqual(["tencent", "tencent", "aliyun"]);
    expect(instances[2]?.preemptible).toBe(true);
  });

  it("injects a fault, and refuses an unknown kind listing the valid ones", async () => {
    const control = new SimControlClient({ url });
    const target = (await control.instances({ cloud: "tencent" }))[0]?.id ?? "";
    const injected = await reflex(["sim", "fault", target, "oom", "--sim", url]);
    expect(injected).toMatchObject({ code: 0, stderr: "" });
    expect(injected.stdout).toMatch(new RegExp(`^injected oom into ${target} \\(fault \\S+\\)\\n$`));
    expect(await control.instance(target)).toMatchObject({ activeFaults: ["oom"], process: { running: false } });

    const unknown = await reflex(["sim", "fault", target, "meteor_strike", "--sim", url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`valid kinds: ${SIM_FAULT_KINDS.join(", ")}`);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("says how to start a simulator when none answers", async () => {
    const run = await reflex(["sim", "fleet", "--sim", "http://127.0.0.1:1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^reflex: cannot reach the simulator at http:\/\/127\.0\.0\.1:1 \(.*\); start one with `reflex sim`/);
  });

  it("refuses bad options before starting", async () => {
    const run = await reflex(["sim", "--speed", "fast"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("reflex: --speed: 'fast' is not a positive number\n");
  });

  it("stops cleanly on SIGTERM", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
