// A world for drill tests: a simulator a hundred times faster than the clouds, a real Reflex
// whose `tencent` pack is pointed at it (credentials as secrets, fast TAT polling), the
// simulator's events forwarded to Reflex's ingest, and a config with a rule and a workflow
// that heal ping_unreachable the right way (wait until RUNNING, restart the process via TAT),
// plus the drills the tests run.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { forwardEvents } from "../../src/sim/event-forwarder.js";
import type { EventForwarder } from "../../src/sim/event-forwarder.js";
import { createFleet } from "../../src/sim/fleet.js";
import { startSimulator } from "../../src/sim/server.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import type { SimFleetApi } from "../../src/sim/types.js";

const HEALING = `
kind: Workflow
name: heal-ping
input:
  instance: {type: string}
  region: {type: string}
tasks:
  wait_running:
    action: tencent.cvm.describe_instances
    input: {region: "{{ ctx.region }}", instanceIds: ["{{ ctx.instance }}"]}
    retry: {count: 100, delay: 50ms, when: "{{ $failed() or result.InstanceSet[0].InstanceState != 'RUNNING' }}"}
    next: [{when: "{{ $succeeded() }}", do: [restart]}]
  restart:
    action: tencent.tat.run_command
    input: {region: "{{ ctx.region }}", instanceIds: ["{{ ctx.instance }}"], command: "systemctl restart app"}
---
kind: Rule
name: heal-ping
pattern: {source: cvm.cloud.tencent, type: ["cvm:ErrorEvent:PingUnreachable"], status: ["1"]}
targets:
  - {name: heal, type: workflow, workflow: heal-ping, input: {instance: "{{ data.instanceId }}", region: "{{ event.region }}"}}
`;

function drills(simUrl: string): string {
  return `
kind: Drill
name: ping-5
description: 5 CVM instances lose ping at once; all must heal.
simulator: ${simUrl}
instances:
  create: {count: 5, cloud: tencent, tags: {env: drill}}
fault: ping_unreachable
criteria: {detectWithin: 10s, healWithin: 15s}
timeout: 20s
---
kind: Drill
name: readonly-unhealed
description: Nothing reboots a read-only disk here, so this drill fails.
simulator: ${simUrl}
instances:
  create: {count: 2, cloud: tencent}
fault: disk_readonly
criteria: {detectWithin: 10s, healWithin: 1s}
timeout: 1500ms
---
kind: Drill
name: listed
simulator: ${simUrl}
instances: {ids: [ins-nothere]}
fault: oom
criteria: {detectWithin: 10s, healWithin: 10s}
---
kind: Drill
name: nowhere
simulator: http://127.0.0.1:1
instances: {create: {count: 1, cloud: tencent}}
fault: oom
criteria: {detectWithin: 10s, healWithin: 10s}
`;
}

/** Everything a drill test talks to. */
export interface DrillWorld {
  fleet: SimFleetApi;
  sim: RunningSimulator;
  reflex: TestReflex;
  configDir: string;
  close(): Promise<void>;
}

/** Starts the simulator, Reflex, the forwarder, and sets the pack's secrets. */
export async function startDrillWorld(): Promise<DrillWorld> {
  const fleet = createFleet({ speed: 100 });
  const sim = await startSimulator({ fleet });
  const configDir = writeConfigDir({ "healing.yaml": HEALING, "drills.yaml": drills(sim.url) });
  const reflex = await startTestReflex({
    configDir,
    env: { REFLEX_TENCENT_ENDPOINT: sim.url, REFLEX_TENCENT_TAT_POLL: "20ms", REFLEX_MASTER_KEY: randomBytes(32).toString("hex") },
  });
  for (const [name, value] of Object.entries({ "tencent.secret_id": sim.credentials.tencent.secretId, "tencent.secret_key": sim.credentials.tencent.secretKey })) {
    const put = await reflex.api(`/api/v1/secrets/${name}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ value }) });
    if (!put.ok) throw new Error(`setting secret ${name} failed: ${put.status} ${await put.text()}`);
  }
  const forwarder: EventForwarder = forwardEvents(fleet, { url: reflex.url, token: reflex.adminToken });
  return {
    fleet,
    sim,
    reflex,
    configDir,
    close: async () => {
      await forwarder.close();
      await reflex.stop();
      await sim.close();
      fleet.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
