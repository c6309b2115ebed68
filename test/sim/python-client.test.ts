// The simulator against the seed's own kind of client: a Python cloud function that signs TC3
// by hand with the standard library (test/sim/fixtures/tc3_reboot.py) reboots an instance, and
// the same function with a wrong key gets Tencent's AuthFailure. Runs when python3 is installed.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import type { SimInstance } from "../../src/sim/types.js";
import { startTestSimulator } from "./server-support.js";

const SCRIPT = fileURLToPath(new URL("./fixtures/tc3_reboot.py", import.meta.url));
const python = await new Promise<boolean>((resolve) => execFile("python3", ["--version"], (err) => resolve(err === null)));

let sim: RunningSimulator;
let web: SimInstance;

beforeAll(async () => {
  sim = await startTestSimulator();
  [web] = sim.fleet.createInstances([{ cloud: "tencent", name: "web-py", state: "RUNNING" }]) as [SimInstance];
});

afterAll(async () => {
  await sim?.close();
});

function runScript(secretKey: string): Promise<Record<string, unknown>> {
  const env = { ...process.env, SIM_URL: sim.url, TENCENT_SECRET_ID: sim.credentials.tencent.secretId, TENCENT_SECRET_KEY: secretKey };
  return new Promise((resolve, reject) =>
    execFile("python3", [SCRIPT, web.id], { env, timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, unknown>))),
  );
}

describe.runIf(python)("a hand-signing Python function", () => {
  it("reboots an instance through the simulator's Tencent endpoint", async () => {
    const answer = await runScript(sim.credentials.tencent.secretKey);
    expect(answer).toMatchObject({ Response: { RequestId: expect.any(String) } });
    expect((answer["Response"] as Record<string, unknown>)["Error"]).toBeUndefined();
    expect(sim.fleet.instance(web.id).state).toBe("REBOOTING");
  });

  it("is refused with Tencent's signature error when its key is wrong", async () => {
    const answer = await runScript("not-the-key");
    expect(answer).toMatchObject({ Response: { Error: { Code: "AuthFailure.SignatureFailure" } } });
  });
});
