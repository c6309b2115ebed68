// Rules start workflows: an event matching a rule with a `workflow` target becomes an
// execution whose inputs are the target's rendered input and whose ctx holds the event as
// `ctx.event`; a re-delivered target does not start a second execution; and an engine event
// (`reflex.workflow.circuit_open`) comes back in as an event on the default bus.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

const CONFIG = `
kind: Workflow
name: heal-instance
input: [instance]
tasks:
  note:
    action: core.echo
    input: {message: "{{ ctx.instance & ' ' & ctx.event.type & ' in ' & ctx.event.region }}"}
output: {note: "{{ $task('note').result.message }}"}
---
kind: Rule
name: ping-unreachable
pattern: {source: cvm.cloud.tencent, type: ["cvm:ErrorEvent:PingUnreachable"]}
targets:
  - type: workflow
    workflow: heal-instance
    input: {instance: "{{ event.subject }}"}
---
kind: Workflow
name: fragile
circuitBreaker: {failures: 1}
tasks:
  boom: {action: core.fail, input: {message: broken}}
`;

let reflex: TestReflex;
let dir: string;

beforeAll(async () => {
  dir = writeConfigDir({ "heal.yaml": CONFIG });
  reflex = await startTestReflex({ configDir: dir });
});
afterAll(async () => {
  await reflex?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("rules start workflows", () => {
  it("turns a matched event into an execution with the rendered input and ctx.event", async () => {
    const event = { specversion: "1.0", id: "evt-1", source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-42", region: "ap-guangzhou", data: {} };
    const posted = await reflex.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/cloudevents+json" }, body: JSON.stringify(event) });
    expect(posted.status).toBe(202);
    const store = reflex.reflex.store;
    const execution = await waitFor(
      async () => (await store.db.selectFrom("executions").selectAll().where("workflow", "=", "heal-instance").where("status", "=", "succeeded").executeTakeFirst()) ?? undefined,
      "the workflow to run",
    );
    expect(JSON.parse(execution.input)).toEqual({ instance: "ins-42" });
    expect(JSON.parse(execution.output ?? "null")).toEqual({ note: "ins-42 cvm:ErrorEvent:PingUnreachable in ap-guangzhou" });
    expect(JSON.parse(execution.trigger ?? "{}")).toMatchObject({ kind: "rule", event: { id: "evt-1", subject: "ins-42" } });
    const count = await store.db.selectFrom("executions").select((eb) => eb.fn.countAll<number>().as("n")).where("workflow", "=", "heal-instance").executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("reports an opened circuit breaker as an event on the default bus", async () => {
    const store = reflex.reflex.store;
    const res = await reflex.api("/api/v1/executions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workflow: "fragile" }) });
    expect(res.status).toBe(201);
    const emitted = await waitFor(
      async () => (await store.db.selectFrom("events").selectAll().where("type", "=", "reflex.workflow.circuit_open").executeTakeFirst()) ?? undefined,
      "the circuit_open event",
    );
    expect(emitted.source).toBe("reflex");
    expect(JSON.parse(emitted.envelope)).toMatchObject({ subject: "fragile", data: { workflow: "fragile", consecutiveFailures: 1 } });
  });
});
