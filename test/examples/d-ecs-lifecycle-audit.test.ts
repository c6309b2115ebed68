// Seed scenario d end to end: an ECS instance is created, stopped, started and released in the
// simulated Alibaba Cloud; afterwards, although DescribeInstances no longer shows it, Reflex's
// event search gives its whole life by subject and by type, Pending to Deleted in order, each
// event fitting the example's EventType, and the chat got the release notice with the command.
import { afterEach, expect, it } from "vitest";
import { startExample } from "../support/example-run.js";
import type { ExampleRun } from "../support/example-run.js";
import { waitFor } from "../support/reflex.js";
import { searchEvents, stateOf } from "./reflex-records.js";
import type { StoredEvent } from "./reflex-records.js";

let run: ExampleRun | undefined;

afterEach(async () => {
  await run?.close();
  run = undefined;
});

it("keeps the life of a released ECS instance searchable by subject and by type, Pending to Deleted", async () => {
  const example = await startExample("d-ecs-lifecycle-audit");
  run = example;
  const fleet = example.sim.fleet;
  const [audited, bystander] = fleet.createInstances([{ cloud: "aliyun", name: "d-audit-1" }, { cloud: "aliyun", name: "d-bystander" }]);
  if (!audited || !bystander) throw new Error("the simulator created no instances");
  const id = audited.id;
  const reach = (state: string): Promise<true> => example.waitForSim((sim) => (sim.fleet.describeInstances({ ids: [id], released: true })[0]?.state === state ? true : undefined), `${id} ${state}`);

  await reach("RUNNING");
  fleet.stopInstances([id]);
  await reach("STOPPED");
  fleet.startInstances([id]);
  await reach("RUNNING");
  fleet.releaseInstances([id]);
  await reach("RELEASED");
  expect(fleet.describeInstances({ ids: [id] })).toEqual([]);

  const notice = await example.waitForChat(new RegExp(`ECS instance ${id} \\(d-audit-1\\) in cn-hangzhou was released`));
  expect(notice).toContain(`reflex events search --source acs.ecs --subject ${id}`);

  const life = await waitFor(async () => {
    const found = await searchEvents(example.reflex, { source: "acs.ecs", subject: id });
    return found.length > 0 && stateOf(found.at(-1) as StoredEvent) === "Deleted" ? found : undefined;
  }, `the Deleted event of ${id} in Reflex's event search`);
  const states = life.map(stateOf);
  expect(states).toEqual(["Pending", "Running", "Stopping", "Stopped", "Starting", "Running", "Deleted"]);
  for (const e of life) {
    expect(e.event).toMatchObject({ source: "acs.ecs", type: "Instance:StateChange", subject: id, region: "cn-hangzhou" });
    expect(e.schemaError ?? null).toBeNull();
  }
  const times = life.map((e) => Date.parse(e.event.time));
  expect([...times].sort((a, b) => a - b)).toEqual(times);

  // By type: every instance's state changes, the released one's among them, and nothing else.
  const byType = await searchEvents(example.reflex, { source: "acs.ecs", type: "Instance:StateChange" });
  expect(new Set(byType.map((e) => e.event.subject))).toEqual(new Set([id, bystander.id]));
  expect(byType.filter((e) => e.event.subject === id).map(stateOf)).toEqual(states);

  // The released instances: a pattern over the data.
  const released = await searchEvents(example.reflex, { pattern: JSON.stringify({ source: ["acs.ecs"], data: { content: { state: ["Deleted"] } } }) });
  expect(released.map((e) => e.event.subject)).toEqual([id]);
});
