// The drill's simulator port over the simulator's control API, through the simulator's own
// typed client (`SimControlClient`): its errors already name the simulator's URL, the request
// and the simulator's explanation. Here: which URL a drill uses, and the few calls it makes.
import { SimControlClient } from "../sim/control-client.js";
import type { DrillSimulator } from "./sim-port.js";

/** The simulator's default address (`reflex sim`). */
export const DEFAULT_SIM_URL = "http://127.0.0.1:7421";

/** The simulator URL a drill uses: its own, else REFLEX_SIM_URL, else the default port. */
export function simulatorUrl(written: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return (written ?? env.REFLEX_SIM_URL ?? DEFAULT_SIM_URL).replace(/\/+$/, "");
}

/** A simulator reached over HTTP; `token` is its control token (REFLEX_SIM_TOKEN). */
export function httpSimulator(url: string, token?: string): DrillSimulator {
  const client = new SimControlClient({ url, ...(token === undefined ? {} : { token }) });
  return {
    url,
    createInstances: (specs) => client.createInstances(specs),
    instances: async (ids) => {
      const wanted = new Set(ids);
      return (await client.instances({ released: true })).filter((i) => wanted.has(i.id));
    },
    injectFault: (instanceId, kind) => client.injectFault(instanceId, kind),
    faults: () => client.faults(),
  };
}
