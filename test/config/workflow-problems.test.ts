// Every class of mistake in one Workflow document, each at its exact file:line:col: schema,
// names, input schemas, durations, unknown tasks in `do`, expressions (syntax, fields that must
// be one expression, ctx and task references), and the task graph (unreachable tasks, joins,
// endless loops, no start task). Checks that need other documents are in workflow-cross.test.ts.
import { describe, expect, it } from "vitest";
import { placesOf, yaml } from "./fixture.js";

/** `wf.yaml` holding the Workflow `wf` whose lines after `name:` (line 3 on) are `lines`. */
function workflow(...lines: string[]): Record<string, string> {
  return { "wf.yaml": yaml("kind: Workflow", "name: wf", ...lines) };
}

describe("Workflow schema and names", () => {
  it("reports a bad list item, an unknown field and a bad join at their nodes", async () => {
    const files = workflow("input: [host, 3]", "tasks:", "  a:", "    action: core.noop", "    nxt: []", "    join: some");
    expect(await placesOf(files)).toEqual([
      "wf.yaml:3:15 [/input/1] 'input.1' must be a name, or {name: default} (got 3)",
      "wf.yaml:7:5 [/tasks/a/nxt] unknown field 'nxt' in 'tasks.a'; did you mean 'next'?",
      "wf.yaml:8:11 [/tasks/a/join] 'tasks.a.join' must be all, or a whole number of arrivals, at least 1 (got 'some')",
    ]);
  });

  it("reports a workflow without tasks", async () => {
    expect(await placesOf(workflow("tasks: {}"))).toEqual(["wf.yaml:3:8 [/tasks] a workflow needs at least one task under 'tasks'"]);
    expect(await placesOf(workflow("input: [n]"))).toEqual(["wf.yaml:1:1 [/tasks] missing required field 'tasks'"]);
  });

  it("reports a workflow with more tasks than allowed", async () => {
    const tasks = Array.from({ length: 501 }, (_, i) => `  t${i}: {action: core.noop}`);
    expect(await placesOf(workflow("tasks:", ...tasks))).toEqual([
      "wf.yaml:3:1 [/tasks] a workflow has at most 500 tasks (this one has 501); split it into sub-workflows",
    ]);
  });

  it("reports repeated and malformed names of inputs, vars and tasks, and tasks named like engine commands", async () => {
    const files = workflow("input: [host, host, bad-name]", "vars: {1x: 0}", "tasks:", "  noop: {action: core.noop}", "  9lives: {action: core.noop}");
    expect(await placesOf(files)).toEqual([
      "wf.yaml:3:15 [/input/1] input 'host' is given twice; keep one",
      "wf.yaml:3:21 [/input/2] input name 'bad-name' must be letters, digits and '_', not starting with a digit: it is read as ctx.bad-name",
      "wf.yaml:4:8 [/vars/1x] var name '1x' must be letters, digits and '_', not starting with a digit: it is read as ctx.1x",
      "wf.yaml:6:3 [/tasks/noop] 'noop' is an engine command (continue, fail, noop, retry), so it cannot name a task; rename the task",
      "wf.yaml:7:3 [/tasks/9lives] task name '9lives' must be 1 to 128 letters, digits, '_' or '-', starting with a letter or '_'",
    ]);
  });

  it("reports a published name given twice in Orquesta's list form", async () => {
    const files = workflow("tasks:", "  a:", "    action: core.noop", "    next:", "      - publish: [{x: 1}, {x: 2}]");
    expect(await placesOf(files)).toEqual(["wf.yaml:7:28 [/tasks/a/next/0/publish/1/x] published value 'x' is given twice; keep one"]);
  });

  it("reports input JSON Schemas that are invalid or do not compile", async () => {
    const files = workflow(
      "input:",
      "  n: {type: integr}",
      '  m: {type: string, pattern: "("}',
      '  r: {$ref: "#/nowhere"}',
      "tasks:",
      "  a: {action: core.noop}",
    );
    expect(await placesOf(files)).toEqual([
      "wf.yaml:4:13 [/input/n/type] not a valid JSON Schema: 'input.n.type' must be one of: array, boolean, integer, null, number, object, string (got 'integr'); did you mean 'integer'?",
      "wf.yaml:5:6 [/input/m] JSON Schema does not compile: Invalid regular expression: /(/u: Unterminated group",
      "wf.yaml:6:6 [/input/r] JSON Schema does not compile: can't resolve reference #/nowhere from id #",
    ]);
  });

  it("reports durations out of bounds", async () => {
    const files = workflow("budget: {max: 1, per: 0}", "tasks:", "  a: {action: core.noop, timeout: 0s, delay: 8d, retry: {count: 1, delay: 30}}");
    expect(await placesOf(files)).toEqual([
      "wf.yaml:3:23 [/budget/per] 'budget.per' must be longer than 0s (got 0)",
      "wf.yaml:5:35 [/tasks/a/timeout] 'timeout' must be longer than 0s (got 0s)",
      "wf.yaml:5:46 [/tasks/a/delay] 'delay' must be at most 7d (got 8d)",
    ]);
  });
});

describe("Workflow transitions and expressions", () => {
  it("reports names in 'do' that are neither a task nor an engine command, in list and comma forms", async () => {
    const files = workflow(
      "tasks:",
      "  first:",
      "    action: core.noop",
      "    next:",
      "      - do: [secnd, noop]",
      '      - do: "second, , nope"',
      "  second: {action: core.noop}",
    );
    const not = "which is not a task of this workflow (tasks: first, second) nor an engine command (continue, fail, noop, retry)";
    expect(await placesOf(files)).toEqual([
      `wf.yaml:7:14 [/tasks/first/next/0/do/0] 'do' names 'secnd', ${not}; did you mean 'second'?`,
      "wf.yaml:8:13 [/tasks/first/next/1/do] 'do' has an empty name; separate task names with single commas",
      `wf.yaml:8:13 [/tasks/first/next/1/do] 'do' names 'nope', ${not}; did you mean 'noop'?`,
    ]);
  });

  it("reports bad expressions, conditions that are not one expression, and references to nothing", async () => {
    const files = workflow(
      "input: [n]",
      'vars: {x: "{{ ctx.n + }}"}',
      "tasks:",
      "  a:",
      "    action: core.echo",
      "    input: {message: \"{{ ctx.nn }}\", other: \"{{ ctx.event.id }} and 'ctx.quoted'\"}",
      '    with: {items: "list: {{ ctx.n }}"}',
      '    retry: {count: 1, when: "<% succeeded() %>"}',
      "    next:",
      '      - when: "{{ succeeded() }}"',
      "        publish: [{out: \"{{ $task('b').result }}\"}]",
      "        do: b",
      "  b: {action: core.noop, next: [{when: '{{ $failed() }} {{ $succeeded() }}'}]}",
      "output: {o: \"{{ ctx.out }}\", p: \"{{ ctx.missing & $task('c') }}\"}",
    );
    const single = "must be exactly one {{ … }} expression, such as '{{ $succeeded() }}', with no text around it";
    expect(await placesOf(files)).toEqual([
      "wf.yaml:4:11 [/vars/x] template at /vars/x: Unexpected end of expression (S0207) at position 7 in {{ ctx.n + }}",
      "wf.yaml:8:22 [/tasks/a/input/message] 'ctx.nn' is not an input, a var or a published value (known: n, x, out); did you mean 'n'?",
      `wf.yaml:9:19 [/tasks/a/with/items] 'with.items' ${single}`,
      `wf.yaml:10:29 [/tasks/a/retry/when] 'retry.when' ${single}; Orquesta's <% … %> is written {{ … }} here, in JSONata`,
      "wf.yaml:12:15 [/tasks/a/next/0/when] 'succeeded()' is not a JSONata function; write '$succeeded()' (JSONata functions start with '$')",
      `wf.yaml:15:40 [/tasks/b/next/0/when] 'when' ${single}`,
      "wf.yaml:16:33 [/output/p] 'ctx.missing' is not an input, a var or a published value (known: n, x, out)",
      "wf.yaml:16:33 [/output/p] $task('c') names no task of this workflow; did you mean 'a'?",
    ]);
  });

  it("checks the concurrency key's template and its references", async () => {
    const files = workflow("input: [instance]", 'concurrency: {key: "{{ ctx.instanse }}", limit: 1}', "tasks:", "  a: {action: core.noop}");
    expect(await placesOf(files)).toEqual([
      "wf.yaml:4:20 [/concurrency/key] 'ctx.instanse' is not an input, a var or a published value (known: instance); did you mean 'instance'?",
    ]);
  });
});

describe("Workflow task graph", () => {
  it("reports unreachable tasks, a join asking for more arrivals than lead in, and a join on a start task", async () => {
    const files = workflow(
      "tasks:",
      "  start: {action: core.noop, next: [{do: joined}]}",
      "  joined: {action: core.noop, join: 2}",
      "  ping: {action: core.noop, next: [{do: pong}]}",
      '  pong: {action: core.noop, next: [{when: "{{ $failed() }}", do: ping}]}',
      "  early: {action: core.noop, join: all}",
    );
    expect(await placesOf(files)).toEqual([
      "wf.yaml:5:37 [/tasks/joined/join] 'join: 2' waits for 2 arrivals but only 1 transition leads to 'joined' (from 'start'); lower it or write 'join: all'",
      "wf.yaml:6:3 [/tasks/ping] task 'ping' is unreachable: only 'pong' leads to it, and no start task ('start', 'early') leads there",
      "wf.yaml:7:3 [/tasks/pong] task 'pong' is unreachable: only 'ping' leads to it, and no start task ('start', 'early') leads there",
      "wf.yaml:8:36 [/tasks/early/join] task 'early' has 'join' but is a start task: no transition leads to it, so there is nothing to wait for; remove 'join'",
    ]);
  });

  it("reports loops whose transitions all lack a 'when', naming their tasks, and accepts a loop with one", async () => {
    const files = workflow(
      "input: [again]",
      "tasks:",
      "  a: {action: core.noop, next: [{do: [b, e]}]}",
      '  b: {action: core.noop, next: [{do: c}, {when: "{{ $failed() }}", do: d}]}',
      "  c: {action: core.noop, next: [{do: b}]}",
      "  d: {action: core.noop, next: [{do: d}]}",
      '  e: {action: core.noop, next: [{do: f}, {when: "{{ $failed() }}", do: e}]}',
      '  f: {action: core.noop, next: [{when: "{{ ctx.again }}", do: e}], join: 1}',
    );
    expect(await placesOf(files)).toEqual([
      "wf.yaml:6:38 [/tasks/b/next/0/do] tasks 'b', 'c' run in a loop forever: every transition between them is taken without a 'when'; add a 'when' to one of them so the loop can end",
      "wf.yaml:8:38 [/tasks/d/next/0/do] task 'd' runs itself again forever: its transition back to itself has no 'when'; add one so the loop can end",
    ]);
  });

  it("reports a workflow where every task is reached by a transition, so none starts", async () => {
    const files = workflow(
      "tasks:",
      '  a: {action: core.noop, next: [{when: "{{ $succeeded() }}", do: b}]}',
      '  b: {action: core.noop, next: [{when: "{{ $succeeded() }}", do: a}]}',
    );
    expect(await placesOf(files)).toEqual([
      "wf.yaml:3:1 [/tasks] no task starts the workflow: every task is named in some 'do', so none runs first; a start task is one no transition leads to",
    ]);
  });
});
