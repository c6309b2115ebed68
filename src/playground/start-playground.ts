// The first run: `npm start` with no config starts Reflex together with the cloud simulator,
// a small fleet and every seed scenario under examples/, wired to each other — the packs call
// the simulator with its keys, the simulator's events flow into Reflex's ingest, and chat
// messages land in the simulator's stand-in robot — so a newcomer injects a fault and watches a
// server heal within a minute. `reflex up --config DIR --sim` wires the same simulator to the
// operator's own config instead of the examples.
import { fileURLToPath } from "node:url";
import { startReflex } from "../app.js";
import type { ReflexOptions, RunningReflex } from "../app.js";
import { forwardEvents } from "../sim/event-forwarder.js";
import { startSimulator } from "../sim/server.js";
import type { RunningSimulator } from "../sim/server.js";
import { seedStarterFleet } from "../sim/starter-instances.js";
import { playgroundToken } from "./playground-token.js";
import { simulatorSecrets, storeSecrets } from "./simulator-secrets.js";

/** The seed scenarios, loaded as one config directory. */
export const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));

export interface PlaygroundOptions {
  /** Reflex's own options; `configDir` defaults to the examples, `adminToken` to the playground's. */
  reflex: ReflexOptions;
  /** The simulator's port (default 7421; 0 for any free one). */
  simPort?: number;
  /** How much faster than the real clouds the simulator runs (default 10). */
  speed?: number;
  /** The starter fleet's size (default 6: four Tencent CVM, two Alibaba ECS behind an SLB group). */
  instances?: number;
}

export interface RunningPlayground {
  reflex: RunningReflex;
  sim: RunningSimulator;
  /** The admin token to sign in with. */
  adminToken: string;
  /** The fleet's instance ids, Tencent ones first. */
  instances: string[];
  close(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const host = options.reflex.host ?? "127.0.0.1";
  const sim = await startSimulator({ port: options.simPort ?? 7421, host, speed: options.speed ?? 10 });
  try {
    const instances = seedStarterFleet(sim.fleet, options.instances ?? 6).instances.map((i) => i.id);
    const adminToken = options.reflex.adminToken ?? nonEmpty((options.reflex.env ?? process.env).REFLEX_ADMIN_TOKEN) ?? playgroundToken(options.reflex.dataDir ?? ".reflex");
    const reflex = await startReflex({
      ...options.reflex,
      configDir: options.reflex.configDir ?? EXAMPLES_DIR,
      adminToken,
      env: {
        ...(options.reflex.env ?? process.env),
        REFLEX_SIM_URL: sim.url,
        REFLEX_TENCENT_ENDPOINT: sim.url,
        REFLEX_ALIYUN_ENDPOINT: sim.url,
        REFLEX_TENCENT_TAT_POLL: "500ms",
        REFLEX_ONCALL_URL: `${sim.url}/sim/chat/oncall?key=playground`,
      },
    });
    if (reflex.url === null) {
      await reflex.close();
      throw new Error("the simulator needs the api role: its events are sent to Reflex's HTTP ingest");
    }
    await storeSecrets(reflex.url, adminToken, simulatorSecrets(sim.credentials));
    const forwarder = forwardEvents(sim.fleet, {
      url: reflex.url,
      token: adminToken,
      onError: (err) => reflex.logger.warn({ err }, "the simulator could not deliver an event to Reflex; retrying"),
    });
    return {
      reflex,
      sim,
      adminToken,
      instances,
      close: async () => {
        await forwarder.close();
        await reflex.close();
        await sim.close();
      },
    };
  } catch (err) {
    await sim.close();
    throw err;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
