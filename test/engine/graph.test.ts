// The graph semantics of the engine, Orquesta's: the fan-out/join example as written,
// joins of all and of N, a task reached twice without a join running twice, every transition
// whose `when` holds being taken, publish into ctx, engine commands, fail-fast, output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEngine } from "../support/engine.js";
import { runsOf, startTestEngine } from "../support/engine.js";
import { waitFor } from "../support/reflex.js";
import { DEMO_FANOUT_YAML } from "../support/examples.js";

const WORKFLOWS = `
${DEMO_FANOUT_YAML}---
kind: Workflow
name: twice
tasks:
  a: {action: core.noop, next: [{do: [c]}]}
  b: {action: core.noop, next: [{do: [c]}]}
  c: {action: core.echo, input: {message: hi}}
---
kind: Workflow
name: join-two-of-three
tasks:
  a: {action: core.noop, next: [{do: [d]}]}
  b: {action: core.noop, next: [{do: [d]}]}
  c: {action: core.sleep, input: {seconds: 0.3}, next: [{do: [d]}]}
  d: {join: 2, action: core.noop}
---
kind: Workflow
name: every-transition
input: [x]
tasks:
  start:
    action: core.echo
    input: {message: "{{ $string(ctx.x) }}"}
    next:
      - when: "{{ ctx.x > 1 }}"
        publish: {big: true}
        do: [big]
      - when: "{{ ctx.x > 0 }}"
        publish: {positive: true}
        do: [positive]
      - when: "{{ ctx.x < 0 }}"
        do: [negative]
  big: {action: core.noop}
  positive: {action: core.noop}
  negative: {action: core.noop}
output: {big: "{{ ctx.big }}", positive: "{{ ctx.positive }}", echoed: "{{ $task('start').result.message }}"}
---
kind: Workflow
name: unhandled
tasks:
  boom: {action: core.fail, input: {message: disk is read-only}}
  slow: {action: core.sleep, input: {seconds: 0.3}, next: [{do: after-slow}]}
  after-slow: {action: core.noop}
---
kind: Workflow
name: handled
tasks:
  boom:
    action: core.fail
    input: {message: nope}
    next:
      - when: "{{ $failed() }}"
        publish: {reason: "{{ $task('boom').error }}"}
        do: [recover]
  recover: {action: core.echo, input: {message: "{{ ctx.reason }}"}}
output: {reason: "{{ ctx.reason }}"}
---
kind: Workflow
name: commands
input: [command]
tasks:
  boom:
    action: core.fail
    input: {message: failed on purpose}
    next:
      - when: "{{ $failed() }}"
        do: "{{ ctx.command }}"
`;

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS.replace('do: "{{ ctx.command }}"', "do: [noop]"));
});
afterAll(async () => engine?.close());

describe("workflow graph", () => {
  it("runs the issue's fan-out example as written: output {doubled: 42}, joined once", async () => {
    const view = await engine.run("demo.fanout", { n: 21 });
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ doubled: 42 });
    const joined = runsOf(view, "joined");
    expect(joined).toHaveLength(1);
    expect(joined[0]?.result).toEqual({ message: "42" });
    expect(runsOf(view, "first")[0]?.result).toEqual({ message: "n=21" });
    await waitFor(async () => (engine.emitted.some((e) => e.subject === view.id) ? true : undefined), "the execution's end event");
    expect(engine.emitted).toContainEqual({ type: "reflex.execution.succeeded", subject: view.id, data: expect.objectContaining({ workflow: "demo.fanout", status: "succeeded", error: null }) });
  });

  it("runs a task reached by two transitions without a join twice", async () => {
    const view = await engine.run("twice");
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "c")).toHaveLength(2);
  });

  it("runs a join of N once N arrivals are in, without waiting for the rest", async () => {
    const view = await engine.run("join-two-of-three");
    expect(view.status).toBe("succeeded");
    const d = runsOf(view, "d");
    expect(d).toHaveLength(1);
    expect(d[0]?.arrivals).toBe(3); // the late arrival is counted, not run
    const c = runsOf(view, "c")[0];
    expect(Date.parse(String(d[0]?.startedAt))).toBeLessThan(Date.parse(String(c?.finishedAt)));
  });

  it("takes every transition whose condition holds, in order, and publishes into ctx", async () => {
    const view = await engine.run("every-transition", { x: 5 });
    expect(view.status).toBe("succeeded");
    expect(runsOf(view, "big")).toHaveLength(1);
    expect(runsOf(view, "positive")).toHaveLength(1);
    expect(runsOf(view, "negative")).toHaveLength(0);
    expect(view.output).toEqual({ big: true, positive: true, echoed: "5" });
  });

  it("fails fast on an unhandled failure: running tasks finish, nothing new starts", async () => {
    const view = await engine.run("unhandled");
    expect(view.status).toBe("failed");
    expect(String(view.error)).toContain("task boom failed: disk is read-only");
    expect(runsOf(view, "slow")[0]?.status).toBe("succeeded");
    expect(runsOf(view, "after-slow")).toHaveLength(0);
  });

  it("treats a failure a taken transition leads on from as handled", async () => {
    const view = await engine.run("handled");
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ reason: "nope" });
  });

  it("lets `noop` handle a failure", async () => {
    const view = await engine.run("commands", { command: "noop" });
    expect(view.status).toBe("succeeded");
  });
});
