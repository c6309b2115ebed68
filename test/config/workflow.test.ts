// `kind: Workflow` documents that load: the example becomes the expected WorkflowSpec,
// every field and default reaches the spec, and the spellings Orquesta users write (lists of
// `{name: value}`, `do: a, b`, bare seconds) load the same as the canonical ones.
import { describe, expect, it } from "vitest";
import type { WorkflowSpec } from "../../src/config/index.js";
import { emptyConfig } from "../../src/config/index.js";
import { configOf, yaml } from "./fixture.js";

/** The example of issue 4, as written there. */
const FANOUT = yaml(
  "kind: Workflow",
  "name: demo.fanout",
  "input: [n]",
  "tasks:",
  "  first:",
  "    action: core.echo",
  "    input: {message: \"{{ 'n=' & $string(ctx.n) }}\"}",
  "    next:",
  '      - when: "{{ $succeeded() }}"',
  '        publish: {doubled: "{{ ctx.n * 2 }}"}',
  "        do: [left, right]",
  "  left: {action: core.noop, next: [{do: joined}]}",
  "  right: {action: core.sleep, input: {seconds: 0.2}, next: [{do: joined}]}",
  "  joined:",
  "    join: all",
  "    action: core.echo",
  '    input: {message: "{{ $string(ctx.doubled) }}"}',
  "output:",
  '  doubled: "{{ ctx.doubled }}"',
);

/** The one workflow of a directory holding `text` only. */
async function workflowOf(text: string): Promise<WorkflowSpec | undefined> {
  const config = await configOf({ "wf.yaml": text });
  expect(config.workflows.size).toBe(1);
  return [...config.workflows.values()][0];
}

describe("Workflow documents that load", () => {
  it("turns the issue's example into its spec, tasks in document order", async () => {
    const config = await configOf({ "wf.yaml": FANOUT });
    expect(config.workflows.get("demo.fanout")).toEqual({
      name: "demo.fanout",
      input: [{ name: "n", required: true }],
      vars: {},
      output: { doubled: "{{ ctx.doubled }}" },
      tasks: [
        {
          name: "first",
          action: "core.echo",
          input: { message: "{{ 'n=' & $string(ctx.n) }}" },
          next: [{ when: "{{ $succeeded() }}", publish: { doubled: "{{ ctx.n * 2 }}" }, do: ["left", "right"] }],
        },
        { name: "left", action: "core.noop", input: {}, next: [{ publish: {}, do: ["joined"] }] },
        { name: "right", action: "core.sleep", input: { seconds: 0.2 }, next: [{ publish: {}, do: ["joined"] }] },
        { name: "joined", action: "core.echo", input: { message: "{{ $string(ctx.doubled) }}" }, next: [], join: "all" },
      ],
    } satisfies WorkflowSpec);
    expect(config.origins.get("Workflow/demo.fanout")).toEqual({ file: expect.stringMatching(/wf\.yaml$/) as unknown, line: 1, col: 1 });
  });

  it("turns every field into the spec: durations in ms, defaults filled in", async () => {
    const spec = await workflowOf(
      yaml(
        "kind: Workflow",
        "name: cvm.self-heal",
        "description: restart an instance that stopped answering",
        "input:",
        "  instance: {type: string, pattern: '^ins-'}",
        "  attempts: {type: integer, minimum: 1, default: 6}",
        "  note: {default: null}",
        "vars:",
        "  region: ap-guangzhou",
        '  label: "{{ ctx.instance & \'@\' & ctx.region }}"',
        "queue: critical",
        'concurrency: {key: "{{ ctx.instance }}", limit: 1, policy: drop}',
        "budget: {max: 5, per: 10m}",
        "circuitBreaker: {failures: 3}",
        "tasks:",
        "  poll:",
        "    action: cloud.describe",
        '    input: {id: "{{ ctx.instance }}"}',
        "    retry: {count: 6, delay: 10s, backoff: 1.5, when: \"{{ result.status != 'RUNNING' }}\"}",
        "    timeout: 30",
        "    next:",
        '      - when: "{{ $succeeded() }}"',
        "        do: restart",
        '      - when: "{{ $failed() }}"',
        "        do: [notify_not_ready, fail]",
        "  restart:",
        "    action: cloud.restart",
        "    delay: 1.5",
        "    queue: slow",
        '    with: {items: "{{ [ctx.instance] }}", concurrency: 2}',
        '    input: {id: "{{ item }}"}',
        "    next: [{do: noop}]",
        "  notify_not_ready: {action: core.echo, input: {message: not ready}}",
        "output: \"{{ $task('restart').result }}\"",
      ),
    );
    expect(spec).toEqual({
      name: "cvm.self-heal",
      description: "restart an instance that stopped answering",
      input: [
        { name: "instance", schema: { type: "string", pattern: "^ins-" }, required: true },
        { name: "attempts", schema: { type: "integer", minimum: 1 }, default: 6, required: false },
        { name: "note", default: null, required: false },
      ],
      vars: { region: "ap-guangzhou", label: "{{ ctx.instance & '@' & ctx.region }}" },
      output: "{{ $task('restart').result }}",
      queue: "critical",
      concurrency: { key: "{{ ctx.instance }}", limit: 1, policy: "drop" },
      budget: { max: 5, perMs: 600_000 },
      circuitBreaker: { failures: 3 },
      tasks: [
        {
          name: "poll",
          action: "cloud.describe",
          input: { id: "{{ ctx.instance }}" },
          retry: { count: 6, delayMs: 10_000, backoff: 1.5, when: "{{ result.status != 'RUNNING' }}" },
          timeoutMs: 30_000,
          next: [
            { when: "{{ $succeeded() }}", publish: {}, do: ["restart"] },
            { when: "{{ $failed() }}", publish: {}, do: ["notify_not_ready", "fail"] },
          ],
        },
        {
          name: "restart",
          action: "cloud.restart",
          input: { id: "{{ item }}" },
          delayMs: 1500,
          queue: "slow",
          with: { items: "{{ [ctx.instance] }}", concurrency: 2 },
          next: [{ publish: {}, do: ["noop"] }],
        },
        { name: "notify_not_ready", action: "core.echo", input: { message: "not ready" }, next: [] },
      ],
    } satisfies WorkflowSpec);
  });

  it("fills the defaults of concurrency and retry", async () => {
    const spec = await workflowOf(
      yaml(
        "kind: Workflow",
        "name: defaults",
        "concurrency: {limit: 2}",
        "tasks:",
        "  only: {action: core.noop, retry: {count: 2}, join: 1}",
        "  other: {action: core.noop, next: [{do: only}]}",
      ),
    );
    expect(spec?.concurrency).toEqual({ key: "", limit: 2, policy: "queue" });
    expect(spec?.tasks[0]).toEqual({ name: "only", action: "core.noop", input: {}, next: [], join: 1, retry: { count: 2, delayMs: 0, backoff: 1 } });
    expect(spec?.input).toEqual([]);
    expect(spec?.output).toBeUndefined();
  });

  it("loads Orquesta's spellings the same as the canonical ones", async () => {
    const canonical = await workflowOf(
      yaml(
        "kind: Workflow",
        "name: same",
        "input:",
        "  host: {}",
        "  port: {default: 22}",
        "vars: {tries: 0, path: /tmp}",
        "tasks:",
        "  a:",
        "    action: core.noop",
        "    delay: 90s",
        "    next:",
        '      - publish: {seen: "{{ result }}", tries: "{{ ctx.tries + 1 }}"}',
        "        do: [b, c]",
        "  b: {action: core.noop, timeout: 2m}",
        "  c: {action: core.noop}",
        "output: {seen: '{{ ctx.seen }}', host: '{{ ctx.host }}'}",
      ),
    );
    const orquesta = await workflowOf(
      yaml(
        "kind: Workflow",
        "name: same",
        "input:",
        "  - host",
        "  - port: 22",
        "vars:",
        "  - tries: 0",
        "  - path: /tmp",
        "tasks:",
        "  a:",
        "    action: core.noop",
        "    delay: 90",
        "    next:",
        "      - publish:",
        '          - seen: "{{ result }}"',
        '          - tries: "{{ ctx.tries + 1 }}"',
        "        do: b, c",
        "  b: {action: core.noop, timeout: 120}",
        "  c: {action: core.noop}",
        "output:",
        "  - seen: '{{ ctx.seen }}'",
        "  - host: '{{ ctx.host }}'",
      ),
    );
    expect(orquesta).toEqual(canonical);
    expect(canonical?.input).toEqual([
      { name: "host", required: true },
      { name: "port", default: 22, required: false },
    ]);
    expect(canonical?.tasks[0]?.delayMs).toBe(90_000);
    expect(canonical?.tasks[1]?.timeoutMs).toBe(120_000);
  });

  it("runs a sub-workflow by name and gives it its required inputs", async () => {
    const config = await configOf({
      "child.yaml": yaml("kind: Workflow", "name: child", "input: [host, {port: 22}]", "tasks:", "  go: {action: core.noop}"),
      "parent.yaml": yaml("kind: Workflow", "name: parent", "tasks:", "  run: {action: child, input: {host: db1}}"),
    });
    expect(config.workflows.get("parent")?.tasks[0]?.action).toBe("child");
  });

  it("has no workflows in the empty config", () => {
    expect(emptyConfig().workflows.size).toBe(0);
  });
});
