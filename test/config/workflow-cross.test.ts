// Workflow checks that need more than one document: actions (against an injected catalog, or by
// their `pack.name` shape without one), inputs a task must give its action or sub-workflow,
// workflows that run themselves, and workflows named like actions. Each problem at its
// file:line:col.
import { describe, expect, it } from "vitest";
import type { ActionCatalog } from "../../src/config/index.js";
import { configOf, placesOf, yaml } from "./fixture.js";

/** Required inputs of the actions the test catalog knows. */
const REQUIRED: Record<string, readonly string[]> = { "core.echo": ["message"], "core.noop": [], "core.sleep": ["seconds"] };

const actions: ActionCatalog = {
  has: (ref) => ref in REQUIRED,
  requiredInputs: (ref) => REQUIRED[ref],
  refs: () => Object.keys(REQUIRED),
};

describe("Workflow actions", () => {
  it("without a catalog, accepts any pack.name and declared workflows, and reports other refs", async () => {
    const files = {
      "child.yaml": yaml("kind: Workflow", "name: child", "tasks:", "  go: {action: core.anything}"),
      "parent.yaml": yaml("kind: Workflow", "name: parent", "tasks:", "  a: {action: child, next: [{do: b}]}", "  b: {action: chlid}"),
    };
    expect(await placesOf(files)).toEqual([
      "parent.yaml:5:15 [/tasks/b/action] task 'b' runs 'chlid', which is neither an action ref (pack.name, such as core.echo) nor a declared workflow; did you mean 'child'?",
    ]);
  });

  it("with a catalog, reports unknown actions and inputs an action requires that a task does not give", async () => {
    const files = {
      "wf.yaml": yaml(
        "kind: Workflow",
        "name: wf",
        "tasks:",
        "  a: {action: core.ech, next: [{do: [b, c]}]}",
        "  b: {action: core.echo}",
        "  c:",
        "    action: core.sleep",
        "    input: {second: 1}",
      ),
    };
    expect(await placesOf(files, { actions })).toEqual([
      "wf.yaml:4:15 [/tasks/a/action] task 'a' runs 'core.ech', which is neither a known action nor a declared workflow; did you mean 'core.echo'?",
      "wf.yaml:5:15 [/tasks/b/action] task 'b' does not give input 'message', which action 'core.echo' requires; add it under 'input'",
      "wf.yaml:8:5 [/tasks/c/input] task 'c' does not give input 'seconds', which action 'core.sleep' requires; add it under 'input'",
    ]);
  });

  it("loads the issue's example against a catalog", async () => {
    const config = await configOf(
      {
        "wf.yaml": yaml(
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
        ),
      },
      { actions },
    );
    expect(config.workflows.get("demo.fanout")?.tasks.map((t) => t.name)).toEqual(["first", "left", "right", "joined"]);
  });

  it("reports a workflow named like an action", async () => {
    const files = { "wf.yaml": yaml("kind: Workflow", "name: core.echo", "tasks:", "  a: {action: core.noop}") };
    expect(await placesOf(files, { actions })).toEqual([
      "wf.yaml:2:7 [/name] workflow 'core.echo' has the name of an action, so 'action: core.echo' would be ambiguous; rename the workflow",
    ]);
  });
});

describe("Sub-workflows", () => {
  it("reports inputs a sub-workflow requires that a task does not give, and inputs it does not take", async () => {
    const files = {
      "child.yaml": yaml("kind: Workflow", "name: child", "input: [host, {port: 22}]", "tasks:", "  go: {action: core.noop}"),
      "parent.yaml": yaml(
        "kind: Workflow",
        "name: parent",
        "tasks:",
        "  a: {action: child, next: [{do: b}]}",
        "  b: {action: child, input: {port: 23}}",
        "  c: {action: child, input: {host: db1, prot: 1}}",
      ),
    };
    expect(await placesOf(files, { actions })).toEqual([
      "parent.yaml:4:15 [/tasks/a/action] task 'a' does not give input 'host', which workflow 'child' requires; add it under 'input'",
      "parent.yaml:5:22 [/tasks/b/input] task 'b' does not give input 'host', which workflow 'child' requires; add it under 'input'",
      "parent.yaml:6:41 [/tasks/c/input/prot] task 'c' gives input 'prot', which workflow 'child' does not take (its inputs: host, port); did you mean 'port'?",
    ]);
  });

  it("reports workflows that run themselves, directly or through others", async () => {
    const files = {
      "a.yaml": yaml("kind: Workflow", "name: a", "tasks:", "  first: {action: core.noop, next: [{do: run_b}]}", "  run_b: {action: b}"),
      "b.yaml": yaml("kind: Workflow", "name: b", "tasks:", "  run_a: {action: a}"),
      "c.yaml": yaml("kind: Workflow", "name: c", "tasks:", "  again: {action: c}"),
      "d.yaml": yaml("kind: Workflow", "name: d", "tasks:", "  run_b: {action: b}"),
    };
    const rule = "a workflow cannot run itself, directly or through other workflows";
    expect(await placesOf(files)).toEqual([
      `a.yaml:5:19 [/tasks/run_b/action] workflow 'a' runs 'b', which runs 'a' again (workflows in the cycle: 'a', 'b'); ${rule}`,
      `b.yaml:4:19 [/tasks/run_a/action] workflow 'b' runs 'a', which runs 'b' again (workflows in the cycle: 'a', 'b'); ${rule}`,
      `c.yaml:4:19 [/tasks/again/action] workflow 'c' runs itself; ${rule}`,
    ]);
  });

  it("does not report a reference to a declared workflow that has problems of its own", async () => {
    const files = {
      "broken.yaml": yaml("kind: Workflow", "name: broken", "tasks: {}"),
      "parent.yaml": yaml("kind: Workflow", "name: parent", "tasks:", "  a: {action: broken}"),
    };
    expect(await placesOf(files, { actions })).toEqual(["broken.yaml:3:8 [/tasks] a workflow needs at least one task under 'tasks'"]);
  });
});
