// The server APIs the web console calls, on a running Reflex with real rules, deliveries and
// workflows: the overview statistics over what actually happened (events, matches, failed and
// dead deliveries, executions, time to repair, approvals waiting), the live tail of events
// (`after`), re-driving several dead letters at once, and checking a rule's YAML as it is typed
// — with the same line and column `reflex validate` gives — and writing it as YAML.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigDir } from "../../src/config/index.js";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { Receiver } from "../rules/support.js";

let t: TestReflex;
const receiver = new Receiver();
const tokens = { viewer: "", operator: "" };

beforeAll(async () => {
  await receiver.start();
  receiver.status = () => 500;
  const dir = writeConfigDir({
    "config.yaml": `kind: Workflow
name: fix
input: [id]
tasks:
  go: {action: core.echo, input: {message: "{{ ctx.id }}"}}
---
kind: Workflow
name: broken
tasks:
  go: {action: core.fail, input: {message: boom, retryable: false}}
---
kind: Workflow
name: ask
tasks:
  q: {action: core.approve, input: {message: "go on?", timeout: 1h}}
---
kind: Rule
name: heal
pattern: {source: [stats.test], type: [down]}
targets: [{name: fix, type: workflow, workflow: fix, input: {id: "{{ event.subject }}"}}]
---
kind: Rule
name: tell
pattern: {source: [stats.test], type: [hook]}
targets: [{name: hook, type: http, url: "${receiver.url}/hook", retry: {attempts: 2, backoff: 10ms, maxBackoff: 20ms}}]
`,
  });
  t = await startTestReflex({ configDir: dir });
  for (const role of ["viewer", "operator"] as const) {
    tokens[role] = ((await (await t.api("/api/v1/tokens", json("POST", { name: `console-${role}`, role }))).json()) as { token: string }).token;
  }
});
afterAll(async () => {
  await t?.stop();
  await receiver.stop();
});

function json(method: string, body: unknown, token?: string): RequestInit & { token?: string } {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(token === undefined ? {} : { token }) };
}
function yaml(method: string, text: string, token?: string): RequestInit & { token?: string } {
  return { method, headers: { "content-type": "application/yaml" }, body: text, ...(token === undefined ? {} : { token }) };
}
const get = async <T>(path: string, token?: string): Promise<T> => {
  const res = await t.api(path, token === undefined ? {} : { token });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
};

interface Delivery {
  id: string;
  status: string;
  rule: string;
}
interface Overview {
  from: string;
  to: string;
  bucketMs: number;
  buckets: { start: string; events: number; mttrMs: number | null }[];
  totals: Record<string, number | null>;
  current: Record<string, number>;
}

describe("console APIs", () => {
  const deadIds: string[] = [];
  let fixDelivery = "";
  const eventTimeAgoMs = 90_000;

  it("counts what happened in the overview statistics", async () => {
    const eventTime = new Date(Date.now() - eventTimeAgoMs).toISOString();
    const sent = await t.api("/api/v1/events", json("POST", [
      { id: "s-down", source: "stats.test", type: "down", subject: "ins-1", time: eventTime },
      { id: "s-hook-1", source: "stats.test", type: "hook" },
      { id: "s-hook-2", source: "stats.test", type: "hook" },
    ]));
    expect(sent.status).toBe(202);
    expect((await t.api("/api/v1/executions", json("POST", { workflow: "broken" }))).status).toBe(201);
    expect((await t.api("/api/v1/executions", json("POST", { workflow: "ask" }))).status).toBe(201);

    await waitFor(async () => {
      const dead = (await get<{ items: Delivery[] }>("/api/v1/deliveries?status=dead")).items;
      return dead.length === 2 ? dead.forEach((d) => deadIds.push(d.id)) ?? true : undefined;
    }, "both hook deliveries to be dead letters");
    await waitFor(async () => {
      const items = (await get<{ items: { workflow: string; status: string }[] }>("/api/v1/executions")).items;
      const ended = items.filter((x) => ["succeeded", "failed"].includes(x.status)).map((x) => `${x.workflow}:${x.status}`).sort();
      return ended.join() === "broken:failed,fix:succeeded" ? true : undefined;
    }, "fix to succeed and broken to fail");
    await waitFor(async () => ((await get<{ items: unknown[] }>("/api/v1/approvals?status=pending")).items.length === 1 ? true : undefined), "the approval to wait");
    fixDelivery = (await get<{ items: Delivery[] }>("/api/v1/deliveries?rule=heal")).items[0]?.id ?? "";

    const before = Date.now();
    const overview = await get<Overview>("/api/v1/stats/overview?window=1h&bucket=1m", tokens.viewer);
    expect(overview.bucketMs).toBe(60_000);
    expect(overview.buckets).toHaveLength(60);
    const last = Date.parse(overview.buckets[59]?.start ?? "");
    expect(last % 60_000).toBe(0);
    expect(last).toBeLessThanOrEqual(before);
    expect(Date.parse(overview.to)).toBe(last + 60_000);
    // Reflex stores events of its own (reflex.execution.*, reflex.delivery.*): count what is stored.
    const stored = (await get<{ items: { event: { source: string } }[] }>("/api/v1/events?limit=1000")).items;
    expect(stored.filter((e) => e.event.source === "stats.test")).toHaveLength(3);
    expect(overview.totals).toMatchObject({
      events: stored.length,
      ruleMatches: 3,
      deliveriesFailed: 4,
      deliveriesDead: 2,
      executionsStarted: 3,
      executionsSucceeded: 1,
      executionsFailed: 1,
      mttrCount: 1,
    });
    // From the event's own time (90 s ago) to the success of the execution its rule started.
    expect(overview.totals.mttrMs).toBeGreaterThanOrEqual(eventTimeAgoMs);
    expect(overview.totals.mttrMs).toBeLessThan(eventTimeAgoMs + 30_000);
    expect(overview.buckets.reduce((n, b) => n + b.events, 0)).toBe(stored.length);
    expect(overview.current).toEqual({ executionsRunning: 1, executionsFailed: 1, approvalsWaiting: 1, deadLetters: 2 });

    const coarse = await get<Overview>("/api/v1/stats/overview?window=24h");
    expect(coarse.bucketMs).toBe(900_000);
    expect(coarse.buckets).toHaveLength(96);
    expect(coarse.totals.events).toBe(stored.length);
    const past = await get<Overview>("/api/v1/stats/overview?window=1h&to=2h");
    expect(past.totals.events).toBe(0);

    const tooFine = await t.api("/api/v1/stats/overview?window=7d&bucket=1s");
    expect(tooFine.status).toBe(400);
    expect(await tooFine.json()).toMatchObject({ pointer: "/bucket", detail: expect.stringMatching(/604800 buckets; at most 1440/) });
    expect((await t.api("/api/v1/stats/overview?window=soon")).status).toBe(400);
    expect((await t.api("/api/v1/stats/overview", { token: null })).status).toBe(401);
  });

  it("tails events after a sequence number, newest first", async () => {
    const newest = (await get<{ items: { seq: number }[] }>("/api/v1/events?limit=1")).items[0]?.seq ?? 0;
    expect((await get<{ items: unknown[]; nextCursor: string | null }>(`/api/v1/events?after=${newest}`)).items).toEqual([]);
    const sent = await t.api("/api/v1/events", json("POST", [1, 2, 3].map((i) => ({ id: `tail-${i}`, source: "tail.test", type: "tick" }))));
    expect(sent.status).toBe(202);
    const tail = await get<{ items: { seq: number; event: { id: string } }[]; nextCursor: string | null }>(`/api/v1/events?after=${newest}&limit=2`);
    expect(tail.items.map((e) => e.event.id)).toEqual(["tail-3", "tail-2"]);
    expect(tail.nextCursor).not.toBeNull();
    const rest = await get<{ items: { event: { id: string } }[]; nextCursor: string | null }>(`/api/v1/events?after=${newest}&limit=2&cursor=${tail.nextCursor ?? ""}`);
    expect(rest.items.map((e) => e.event.id)).toEqual(["tail-1"]);
    expect(rest.nextCursor).toBeNull();
    const filtered = await get<{ items: { event: { id: string } }[] }>(`/api/v1/events?after=${newest}&type=down`);
    expect(filtered.items).toEqual([]);
  });

  it("re-drives several dead letters at once and says what became of each id", async () => {
    expect(deadIds).toHaveLength(2);
    const body = { ids: [...deadIds, "no-such-delivery", fixDelivery] };
    expect((await t.api("/api/v1/deliveries/retry", json("POST", body, tokens.viewer))).status).toBe(403);
    receiver.status = () => 200;
    const res = await t.api("/api/v1/deliveries/retry", json("POST", body, tokens.operator));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { retried: number; failed: number; results: { id: string; outcome: string; error?: string; delivery?: Delivery }[] };
    expect(answer.retried).toBe(2);
    expect(answer.failed).toBe(2);
    expect(answer.results.map((r) => [r.id, r.outcome])).toEqual([
      [deadIds[0], "retried"],
      [deadIds[1], "retried"],
      ["no-such-delivery", "not_found"],
      [fixDelivery, "conflict"],
    ]);
    expect(answer.results[0]?.delivery?.status).toBe("pending");
    expect(answer.results[3]?.error).toMatch(/is delivered; only dead deliveries can be retried/);
    await waitFor(async () => ((await get<{ items: Delivery[] }>("/api/v1/deliveries?status=delivered&rule=tell")).items.length === 2 ? true : undefined), "both re-driven deliveries to be delivered");

    expect((await t.api("/api/v1/deliveries/retry", json("POST", { ids: [] }))).status).toBe(400);
  });

  it("checks a rule's YAML with the line and column a config file's check gives", async () => {
    const texts = [
      "name: typed\nbus: default\npattern:\n  source: [{prefix: 1}]\ntargets:\n  - type: http\n    url: ftp://example.com/x\n",
      "name: typed\npattern: {source: [x]}\ntargets:\n  - type: http\n    url: https://example.com/x\n    colour: red\n",
      "name: typed\npattern: {source: [x]}\nthrottle: {rate: 0}\ntargets: []\n",
    ];
    for (const text of texts) {
      const res = await t.api("/api/v1/rules/validate", json("POST", { yaml: text }, tokens.viewer));
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { valid: boolean; problems: { line: number; col: number; pointer: string; message: string }[]; rule?: unknown };
      expect(answer.valid).toBe(false);
      expect(answer.rule).toBeUndefined();
      // The same text as a config file, checked by the config loader: the same problems at the same places.
      const asFile = await loadConfigDir(writeConfigDir({ "r.yaml": `kind: Rule\n${text}` }));
      const fromFile = asFile.problems.map((p) => ({ line: p.line - 1, col: p.col, pointer: p.pointer, message: p.message }));
      expect(fromFile.length).toBeGreaterThan(0);
      expect(answer.problems).toEqual(fromFile);
    }
    const first = (await (await t.api("/api/v1/rules/validate", json("POST", { yaml: texts[0] }))).json()) as { problems: { line: number; col: number; pointer: string }[] };
    expect(first.problems.map((p) => [p.line, p.col, p.pointer])).toEqual([
      [4, 21, "/pattern/source/0/prefix"],
      [7, 10, "/targets/0/url"],
    ]);

    const syntax = (await (await t.api("/api/v1/rules/validate", json("POST", { yaml: "name: x\npattern: {source: [a\n" }))).json()) as { valid: boolean; problems: { line: number; message: string }[] };
    expect(syntax.valid).toBe(false);
    expect(syntax.problems[0]?.message).toMatch(/^YAML syntax/);
    expect(syntax.problems[0]?.line).toBeGreaterThanOrEqual(2);

    const unknownBus = (await (await t.api("/api/v1/rules/validate", json("POST", { yaml: "name: b\nbus: nowhere\npattern: {source: [x]}\ntargets: [{type: workflow, workflow: fix}]\n" }))).json()) as { problems: { line: number; col: number; pointer: string; message: string }[] };
    expect(unknownBus.problems).toEqual([{ line: 2, col: 6, pointer: "/bus", message: expect.stringMatching(/bus 'nowhere' is not declared/) }]);

    const good = await t.api("/api/v1/rules/validate", yaml("POST", "kind: Rule\nname: ok\npattern: {source: [x]}\ntargets: [{type: workflow, workflow: fix}]\n"));
    expect(await good.json()).toMatchObject({ valid: true, problems: [], rule: { name: "ok", bus: "default", targets: [{ name: "t1", type: "workflow" }] } });

    const two = (await (await t.api("/api/v1/rules/validate", json("POST", { yaml: "name: a\n---\nname: b\n" }))).json()) as { problems: { line: number; message: string }[] };
    expect(two.problems).toEqual([{ line: 3, col: 1, pointer: "", message: expect.stringMatching(/more than one YAML document/) }]);
    const big = await t.api("/api/v1/rules/validate", json("POST", { yaml: "#".repeat(300 * 1024) }));
    expect(big.status).toBe(400);
  });

  it("writes a rule sent as YAML, and answers its problems with line and column", async () => {
    const created = await t.api("/api/v1/rules/from-yaml", yaml("PUT", "pattern: {source: [yaml.test]}\ntargets:\n  - {type: workflow, workflow: fix, input: {id: '{{ event.subject }}'}}\n", tokens.operator));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "from-yaml", origin: "api", pattern: { source: ["yaml.test"] } });
    expect((await get<{ name: string }>("/api/v1/rules/from-yaml")).name).toBe("from-yaml");

    const bad = await t.api("/api/v1/rules/from-yaml", yaml("PUT", "pattern: {source: [yaml.test]}\ntargets:\n  - {type: http, url: 'ftp://x'}\n", tokens.operator));
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { code: string; detail: string; errors: { line: number; pointer: string }[] };
    expect(problem.code).toBe("invalid_rule");
    expect(problem.detail).toMatch(/line 3, col \d+ \(\/targets\/0\/url\)/);
    expect(problem.errors).toEqual([expect.objectContaining({ line: 3, pointer: "/targets/0/url" })]);

    const tooBig = await t.api("/api/v1/rules/from-yaml", yaml("PUT", "#".repeat(300 * 1024), tokens.operator));
    expect(tooBig.status).toBe(413);
    const openapi = (await (await t.api("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/stats/overview", "/api/v1/rules/validate", "/api/v1/deliveries/retry", "/api/v1/sim", "/api/v1/sim/instances/{id}/faults"]));
    // Other routes do not take YAML.
    expect((await t.api("/api/v1/executions", yaml("POST", "workflow: fix\n"))).status).toBe(400);
  });
});
