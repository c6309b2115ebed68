// Seed scenario c end to end (examples/c-ping-unreachable/): a ping-unreachable alarm from the
// simulated Tencent cloud starts the healing; the instance reboots by itself (REBOOTING, then
// RUNNING), the workflow sees it RUNNING, restarts the business process through TAT, which
// clears the fault, and says "healed" in chat. An instance stopped after the alarm is "not
// ready after 6 polls": the chat says so, the execution fails, no command runs. Only the YAML's
// 10 s polls are shortened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExampleRun } from "../support/example-run.js";
import { startExample } from "../support/example-run.js";
import { waitFor } from "../support/reflex.js";
import { endedExecution, executionsOf } from "./reflex-records.js";

const WORKFLOW = "c.ping-unreachable";

let run: ExampleRun;
let web: string;
let stuck: string;

beforeAll(async () => {
  run = await startExample("c-ping-unreachable", {
    instances: [
      { cloud: "tencent", name: "web-1", state: "RUNNING" },
      { cloud: "tencent", name: "web-stuck", state: "RUNNING" },
    ],
    rewrite: (text) => text.replaceAll("delay: 10s", "delay: 250ms"),
  });
  [web, stuck] = run.instances.map((i) => i.id) as [string, string];
}, 20_000);

afterAll(async () => {
  await run?.close();
});

function pingFault(instance: string): { active: boolean; clearedBy?: string } | undefined {
  const fault = run.sim.fleet.faults({ instanceId: instance }).find((f) => f.kind === "ping_unreachable");
  return fault && { active: fault.clearedAt === undefined && fault.failedAt === undefined, ...(fault.clearedBy === undefined ? {} : { clearedBy: fault.clearedBy }) };
}

/** Turns the global pause switch on or off. */
async function engineSwitch(what: "pause-all" | "resume-all"): Promise<void> {
  const res = await run.reflex.api(`/api/v1/engine/${what}`, { method: "POST" });
  if (!res.ok) throw new Error(`POST /api/v1/engine/${what}: ${res.status} ${await res.text()}`);
}

describe("examples/c-ping-unreachable", () => {
  it("waits for the instance to run again, restarts the business process through TAT, and reports it healed", async () => {
    run.sim.fleet.injectFault(web, "ping_unreachable");
    expect(run.sim.fleet.instance(web)).toMatchObject({ state: "REBOOTING", reachable: false });

    await run.waitForSim(() => (pingFault(web)?.active === false ? true : undefined), `the ping-unreachable fault of ${web} cleared`);
    const instance = run.sim.fleet.instance(web);
    expect(instance).toMatchObject({ state: "RUNNING", reachable: true, activeFaults: [] });
    expect(instance.process).toMatchObject({ name: "app", running: true });
    expect(instance.process.restarts).toBeGreaterThanOrEqual(1);

    const tasks = run.sim.fleet.describeInvocationTasks({ instanceIds: [web] });
    expect(tasks).toEqual([expect.objectContaining({ status: "SUCCESS", exitCode: 0 })]);
    const invocation = tasks[0]?.invocationId ?? "";
    expect(pingFault(web)?.clearedBy).toContain(invocation);

    const healed = await run.waitForChat(new RegExp(`^${web} healed`, "m"));
    expect(healed.split("\n").at(-1)).toBe(`${web} healed: running again, business process restarted`);
    const execution = await endedExecution(run.reflex, WORKFLOW, web);
    expect(execution.status).toBe("succeeded");
    expect(execution.output).toEqual({ healed: true });
  });

  it("says the instance was not ready after 6 polls when it stays STOPPED, and runs no command", async () => {
    // The host recovery's reboot ends in RUNNING, and the instance must be stopped before the
    // workflow sees it so: executions are held paused (the operators' global switch) until it is.
    await engineSwitch("pause-all");
    try {
      run.sim.fleet.injectFault(stuck, "ping_unreachable");
      await waitFor(async () => ((await executionsOf(run.reflex, WORKFLOW)).some((e) => e.input["instance"] === stuck) ? true : undefined), `the ${WORKFLOW} execution of ${stuck} to start (paused)`);
      await run.waitForSim((sim) => (sim.fleet.instance(stuck).state === "RUNNING" ? true : undefined), `${stuck} RUNNING after its reboot`);
      run.sim.fleet.stopInstances([stuck], { force: true });
      await run.waitForSim((sim) => (sim.fleet.instance(stuck).state === "STOPPED" ? true : undefined), `${stuck} STOPPED`);
    } finally {
      await engineSwitch("resume-all");
    }

    const said = await run.waitForChat(new RegExp(`^${stuck} not ready`, "m"));
    expect(said.split("\n").at(-1)).toBe(`${stuck} not ready after 6 polls (last state STOPPED); please look`);
    const execution = await endedExecution(run.reflex, WORKFLOW, stuck);
    expect(execution.status).toBe("failed");

    expect(run.sim.fleet.instance(stuck).state).toBe("STOPPED");
    expect(run.sim.fleet.describeInvocationTasks({ instanceIds: [stuck] })).toEqual([]);
    expect(pingFault(stuck)?.active).toBe(true);
    expect(run.chat().some((text) => text.includes(`${stuck} healed`))).toBe(false);
  });
});
