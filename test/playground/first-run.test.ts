// The first run as a newcomer meets it: `reflex up --first-run` (what `npm start` runs) with no
// config, in a real child process, prints where Reflex and the simulator are, an admin token
// and the command that breaks a server; doing what it says heals that server — the seed
// scenarios are loaded, the packs reach the simulator with its keys, the events flow in, and
// the chat robot hears "healed". A second start keeps the same token.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimControlClient } from "../../src/sim/control-client.js";
import { spawnReflex } from "../support/child-reflex.js";
import type { ChildReflex } from "../support/child-reflex.js";
import { waitFor } from "../support/reflex.js";
import { allocateTestDatabase } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";

const MASTER_KEY = Buffer.alloc(32, 9).toString("base64");

let database: TestDatabase;
let child: ChildReflex;

function banner(out: string): { simUrl: string; token: string; faultCommand: string; instance: string } {
  const simUrl = /The cloud simulator runs on (http:\/\/\S+) with/.exec(out)?.[1];
  const token = /Admin token:\s+(rfx_\S+)/.exec(out)?.[1];
  const command = /(npx reflex sim fault (ins-\w+) ping_unreachable --sim \S+)/.exec(out);
  if (!simUrl || !token || !command?.[1] || !command[2]) throw new Error(`the first-run banner is missing a part:\n${out}`);
  return { simUrl, token, faultCommand: command[1], instance: command[2] };
}

async function start(): Promise<ChildReflex> {
  const started = await spawnReflex(["--first-run", "--sim-port", "0", "--sim-speed", "50"], { ...database.env, REFLEX_MASTER_KEY: MASTER_KEY }, 60_000);
  await waitFor(async () => (/Break a server/.test(started.output()) ? true : undefined), "the first-run banner", 20_000);
  return started;
}

async function stop(running: ChildReflex): Promise<void> {
  running.child.kill("SIGTERM");
  await running.exited;
}

beforeAll(async () => {
  database = allocateTestDatabase();
  child = await start();
}, 90_000);

afterAll(async () => {
  if (child && child.child.exitCode === null) await stop(child);
  await database?.drop();
});

describe("the first run", () => {
  it("prints the API, the simulator, an admin token and a fault command that heals a server", async () => {
    const { simUrl, token, faultCommand, instance } = banner(child.output());
    expect(faultCommand).toContain(simUrl);
    const me = await fetch(`${child.url}/api/v1/executions`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const sim = new SimControlClient({ url: simUrl });
    expect((await sim.instances()).length).toBe(6);
    await sim.injectFault(instance, "ping_unreachable");
    const fault = await waitFor(async () => (await sim.faults({ instanceId: instance })).find((f) => f.clearedAt !== undefined), `the fault on ${instance} to clear`, 45_000);
    expect(fault.clearedBy).toMatch(/process restarted/);
    const chat = await waitFor(async () => (await sim.chat()).find((m) => m.text.includes(`${instance} healed`)), "the chat message", 15_000);
    expect(chat.text).toContain("business process restarted");
  }, 90_000);

  it("keeps the admin token across restarts, in a file only its owner reads", async () => {
    const { token } = banner(child.output());
    if (database.env.REFLEX_DATA_DIR) {
      const file = join(database.env.REFLEX_DATA_DIR, "playground-token");
      expect(readFileSync(file, "utf8").trim()).toBe(token);
    }
    await stop(child);
    child = await start();
    expect(banner(child.output()).token).toBe(token);
  }, 90_000);
});
