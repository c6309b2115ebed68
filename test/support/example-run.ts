// Runs one of the seed scenarios under examples/ end to end, as a user would: a real Reflex (on
// the test database) loading the example's config directory, the cloud simulator on another
// loopback port holding the fleet, the simulator's events forwarded into Reflex's ingest
// endpoints, the cloud packs pointed at the simulator with the simulator's credentials stored
// as Reflex secrets, and the examples' chat channel (`REFLEX_ONCALL_URL`) pointed at the
// simulator's stand-in chat robot. Only timings are changed: the simulator runs fast, and a
// test may rewrite the example's text (a 10 s poll becomes 200 ms) in a copy of the directory.
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulatorSecrets, storeSecrets } from "../../src/playground/simulator-secrets.js";
import { forwardEvents } from "../../src/sim/event-forwarder.js";
import { startSimulator } from "../../src/sim/server.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import type { SimDisk, SimInstance, SimInstanceSpec, SimTimings } from "../../src/sim/types.js";
import { startTestReflex, waitFor } from "./reflex.js";
import type { TestReflex } from "./reflex.js";

/** Timings for tests: a cloud that answers in tens of milliseconds. */
export const FAST_TIMINGS: SimTimings = { bootMs: 150, stopMs: 100, rebootMs: 200, snapshotMs: 50, commandMs: 50, releaseNoticeMs: 1_500 };

export interface ExampleRunOptions {
  /** Instances to create before Reflex starts. */
  instances?: readonly SimInstanceSpec[];
  timings?: Partial<SimTimings>;
  /** Rewrites each YAML file's text in a copy of the directory (to shorten waits). */
  rewrite?: (text: string, file: string) => string;
  /** More environment for Reflex. */
  env?: Readonly<Record<string, string>>;
}

export interface ExampleRun {
  sim: RunningSimulator;
  reflex: TestReflex;
  /** The instances created from `options.instances`, in order. */
  instances: SimInstance[];
  /** The chat messages the stand-in robot received so far (text only). */
  chat(): string[];
  /** Polls until a chat message matches, and returns it. */
  waitForChat(match: RegExp, timeoutMs?: number): Promise<string>;
  /** The system disk of `instance` as the simulator holds it now. */
  systemDisk(instance: string): SimDisk;
  /** Polls the simulator until `check` returns a value. */
  waitForSim<T>(check: (sim: RunningSimulator) => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** The path of `examples/<name>`. */
export function exampleDir(name: string): string {
  return fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
}

/** Starts the simulator, Reflex with `examples/<name>`, and the event forwarding between them. */
export async function startExample(name: string, options: ExampleRunOptions = {}): Promise<ExampleRun> {
  const sim = await startSimulator({ port: 0, timings: { ...FAST_TIMINGS, ...options.timings } });
  const instances = options.instances ? sim.fleet.createInstances(options.instances) : [];
  const configDir = options.rewrite ? rewrittenCopy(exampleDir(name), options.rewrite) : exampleDir(name);
  let reflex: TestReflex;
  try {
    reflex = await startTestReflex({
      configDir,
      env: {
        REFLEX_SIM_URL: sim.url,
        REFLEX_TENCENT_ENDPOINT: sim.url,
        REFLEX_ALIYUN_ENDPOINT: sim.url,
        REFLEX_TENCENT_TAT_POLL: "50ms",
        REFLEX_ONCALL_URL: `${sim.url}/sim/chat/oncall?key=example`,
        // PostgreSQL keeps no key file: the secrets need a master key from the environment.
        REFLEX_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
        ...options.env,
      },
    });
  } catch (err) {
    await sim.close();
    throw err;
  }
  await storeSecrets(reflex.url, reflex.adminToken, simulatorSecrets(sim.credentials));
  const forwarder = forwardEvents(sim.fleet, { url: reflex.url, token: reflex.adminToken });
  const chat = (): string[] => sim.chat().map((m) => m.text);
  return {
    sim,
    reflex,
    instances,
    chat,
    waitForChat: (match, timeoutMs = 15_000) => waitFor(async () => chat().find((text) => match.test(text)), `a chat message matching ${match}; received: ${JSON.stringify(chat())}`, timeoutMs),
    systemDisk: (instance) => {
      const disk = sim.fleet.describeDisks({ instanceIds: [instance] }).find((d) => d.kind === "SYSTEM_DISK");
      if (!disk) throw new Error(`the simulator shows no system disk for ${instance}`);
      return disk;
    },
    waitForSim: (check, what, timeoutMs = 15_000) => waitFor(async () => check(sim), what, timeoutMs),
    close: async () => {
      await forwarder.close();
      await reflex.stop();
      await sim.close();
    },
  };
}

/** A temporary copy of `dir` with every YAML file passed through `rewrite`. */
function rewrittenCopy(dir: string, rewrite: (text: string, file: string) => string): string {
  const copy = mkdtempSync(join(tmpdir(), "reflex-example-"));
  cpSync(dir, copy, { recursive: true });
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.ya?ml$/i.test(entry)) writeFileSync(path, rewrite(readFileSync(path, "utf8"), path));
    }
  };
  visit(copy);
  return copy;
}
