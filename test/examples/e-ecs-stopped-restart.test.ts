// Seed scenario e end to end: an ECS instance that opted in (tag auto-restart=true) stops
// unexpectedly in the simulated Alibaba Cloud; Reflex starts it again, sees it Running, and
// says so in the chat — while an instance without the tag is left stopped. Negative: an
// instance that stops again as soon as it boots is started 3 times, then handed to a person
// (chat, failed execution) and not started again.
import { afterEach, expect, it } from "vitest";
import { startExample } from "../support/example-run.js";
import type { ExampleRun, ExampleRunOptions } from "../support/example-run.js";
import { createSeenInstances, endedExecution } from "./reflex-records.js";

const WORKFLOW = "e.ecs-stopped-restart";
let run: ExampleRun | undefined;

afterEach(async () => {
  await run?.close();
  run = undefined;
});

/** The seed's waits (10 s polls, 5 s retries) shortened for the fast simulator. */
const FAST: ExampleRunOptions["rewrite"] = (text) => text.replaceAll("delay: 10s", "delay: 200ms").replaceAll("delay: 5s", "delay: 100ms");

const stateEvents = (example: ExampleRun, id: string, state: string): number =>
  example.sim.fleet.emittedEvents().filter((e) => e.instanceId === id && (e.body["content"] as Record<string, unknown> | undefined)?.["state"] === state).length;

it("starts an opted-in ECS instance that stopped unexpectedly, clears the fault, and tells the chat; leaves others stopped", async () => {
  const example = await startExample("e-ecs-stopped-restart", { rewrite: FAST });
  run = example;
  const instances = await createSeenInstances(example, [
    { cloud: "aliyun", name: "e-web-1", tags: { "auto-restart": "true", app: "shop" } },
    { cloud: "aliyun", name: "e-batch-1", tags: { app: "batch" } },
  ]);
  const [web, batch] = instances.map((i) => i.id) as [string, string];

  const fault = example.sim.fleet.injectFault(web, "unexpected_stop");
  example.sim.fleet.injectFault(batch, "unexpected_stop");

  const healed = await example.waitForSim((sim) => sim.fleet.faults({ instanceId: web }).find((f) => f.id === fault.id && f.clearedAt !== undefined), `the unexpected_stop of ${web} cleared`);
  expect(healed.failedAt).toBeUndefined();
  expect(example.sim.fleet.instance(web).state).toBe("RUNNING");
  expect(await example.waitForChat(new RegExp(`ECS ${web} stopped unexpectedly and is Running again \\(1 start\\)`))).toBeTruthy();
  const execution = await endedExecution(example.reflex, WORKFLOW, web);
  expect(execution).toMatchObject({ status: "succeeded", output: { running: true, starts: 1 } });

  // The instance without the opt-in tag: looked at, left alone.
  const skipped = await endedExecution(example.reflex, WORKFLOW, batch);
  expect(skipped).toMatchObject({ status: "succeeded", output: { running: false, starts: 0 } });
  expect(example.sim.fleet.instance(batch).state).toBe("STOPPED");
  expect(stateEvents(example, batch, "Starting")).toBe(0);
  expect(example.chat().filter((m) => m.includes(batch))).toEqual([]);
});

it("hands an instance that keeps stopping right after boot to a person after 3 starts", async () => {
  const example = await startExample("e-ecs-stopped-restart", { rewrite: FAST });
  run = example;
  const id = (await createSeenInstances(example, [{ cloud: "aliyun", name: "e-crashloop-1", tags: { "auto-restart": "true" } }]))[0]?.id ?? "";

  // A boot loop: whenever the instance comes up, it goes down again at once.
  const stopOnBoot = example.sim.fleet.onEvent((e) => {
    if (e.instanceId === id && (e.body["content"] as Record<string, unknown> | undefined)?.["state"] === "Running") {
      queueMicrotask(() => example.sim.fleet.stopInstances([id]));
    }
  });
  try {
    example.sim.fleet.injectFault(id, "unexpected_stop");
    const escalation = await example.waitForChat(new RegExp(`ECS ${id} did not stay Running after 3 starts`));
    expect(escalation).toMatch(/last state (Stopped|Stopping)/);
    expect(escalation).toContain("please look");
    const execution = await endedExecution(example.reflex, WORKFLOW, id);
    expect(execution.status).toBe("failed");
    expect(stateEvents(example, id, "Starting")).toBe(3);
    await example.waitForSim((sim) => (sim.fleet.instance(id).state === "STOPPED" ? true : undefined), `${id} left STOPPED`);
    expect(example.chat().filter((m) => m.includes("is Running again"))).toEqual([]);
  } finally {
    stopOnBoot();
  }
});
