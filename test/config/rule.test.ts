// `kind: Rule` in a config directory: a full rule becomes a typed RuleSpec, a minimal one gets
// every default, and each class of mistake (schema, pattern, template, target checks,
// references) is reported at its file:line:col.
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY } from "../../src/config/index.js";
import { configOf, placesOf, yaml } from "./fixture.js";

/** A valid channel for notify targets to refer to. */
const CHANNEL = yaml("kind: Channel", "name: ops-webhook", "type: webhook", "url: https://hooks.example.com/ops");

describe("Rule documents that load", () => {
  it("turns every field into the spec: durations in ms, templates as written", async () => {
    const config = await configOf({
      "channel.yaml": CHANNEL,
      "bus.yaml": yaml("kind: Bus", "name: ops"),
      "rule.yaml": yaml(
        "kind: Rule",
        "name: cvm-ping-unreachable",
        "description: instances that stop answering pings",
        "bus: ops",
        "enabled: false",
        "patternDialect: eventbridge",
        "pattern:",
        "  source: [cvm.cloud.tencent]",
        '  type: ["cvm:ErrorEvent:PingUnreachable"]',
        "labels: {team: sre}",
        'throttle: {key: "{{ event.subject }}", rate: 2, per: 10m, burst: 3}',
        'dedupe: {key: "{{ event.subject }}", within: 5m}',
        'group: {by: "{{ event.subject }}", wait: 30s, max: 50}',
        "targets:",
        "  - name: chat",
        "    type: http",
        '    url: "https://hooks.example.com/{{ event.subject }}"',
        "    method: PUT",
        "    headers: {X-Team: sre}",
        "    body: {text: \"{{ event.subject & ' is unreachable' }}\", n: 1}",
        "    timeout: 30s",
        "    expectStatus: [200, 204]",
        "    sign: {secret: {env: HOOK_KEY}, header: X-Signature}",
        "    retry: {attempts: 3, backoff: 2s, maxBackoff: 1m, maxAge: 1h}",
        "  - name: remediate",
        "    type: workflow",
        "    workflow: cvm.self-heal",
        '    input: {instanceId: "{{ event.subject }}"}',
        "  - name: notify-ops",
        "    type: notify",
        "    channel: ops-webhook",
        "    message: \"{{ event.type & ' on ' & event.subject }}\"",
      ),
    });
    expect(config.rules.get("cvm-ping-unreachable")).toEqual({
      name: "cvm-ping-unreachable",
      description: "instances that stop answering pings",
      bus: "ops",
      enabled: false,
      patternDialect: "eventbridge",
      pattern: { source: ["cvm.cloud.tencent"], type: ["cvm:ErrorEvent:PingUnreachable"] },
      labels: { team: "sre" },
      throttle: { key: "{{ event.subject }}", rate: 2, perMs: 600_000, burst: 3 },
      dedupe: { key: "{{ event.subject }}", withinMs: 300_000 },
      group: { by: "{{ event.subject }}", waitMs: 30_000, max: 50 },
      targets: [
        {
          name: "chat",
          type: "http",
          url: "https://hooks.example.com/{{ event.subject }}",
          method: "PUT",
          headers: { "X-Team": "sre" },
          body: { text: "{{ event.subject & ' is unreachable' }}", n: 1 },
          timeoutMs: 30_000,
          expectStatus: [200, 204],
          sign: { secret: { env: "HOOK_KEY" }, header: "X-Signature" },
          retry: { attempts: 3, backoffMs: 2000, maxBackoffMs: 60_000, maxAgeMs: 3_600_000 },
        },
        {
          name: "remediate",
          type: "workflow",
          workflow: "cvm.self-heal",
          input: { instanceId: "{{ event.subject }}" },
          retry: DEFAULT_RETRY,
        },
        {
          name: "notify-ops",
          type: "notify",
          channel: "ops-webhook",
          message: "{{ event.type & ' on ' & event.subject }}",
          retry: DEFAULT_RETRY,
        },
      ],
    });
    expect(config.origins.get("Rule/cvm-ping-unreachable")?.line).toBe(1);
  });

  it("fills in every default a document leaves out", async () => {
    const config = await configOf({
      "channel.yaml": CHANNEL,
      "rule.yaml": yaml(
        "kind: Rule",
        "name: minimal",
        "pattern: {source: cvm.cloud.tencent}",
        "throttle: {rate: 4, per: 1m}",
        "group: {wait: 10s}",
        "targets:",
        "  - {type: http, url: 'https://example.com/hook', expectStatus: 204, sign: {secret: k}, retry: {attempts: 2}}",
        "  - {type: workflow, workflow: heal}",
        "  - {type: notify, channel: ops-webhook}",
      ),
    });
    expect(config.rules.get("minimal")).toEqual({
      name: "minimal",
      bus: "default",
      enabled: true,
      patternDialect: "reflex",
      pattern: { source: "cvm.cloud.tencent" },
      labels: {},
      throttle: { key: "", rate: 4, perMs: 60_000, burst: 4 },
      group: { by: "", waitMs: 10_000, max: 100 },
      targets: [
        {
          name: "t1",
          type: "http",
          url: "https://example.com/hook",
          method: "POST",
          headers: {},
          timeoutMs: 10_000,
          expectStatus: [204, 204],
          sign: { secret: "k", header: "X-Reflex-Signature" },
          retry: { attempts: 2, backoffMs: 1000, maxBackoffMs: 300_000, maxAgeMs: 86_400_000 },
        },
        { name: "t2", type: "workflow", workflow: "heal", input: {}, retry: DEFAULT_RETRY },
        { name: "t3", type: "notify", channel: "ops-webhook", retry: DEFAULT_RETRY },
      ],
    });
  });
});

describe("Rule problems at file:line:col", () => {
  it("places pattern problems under /pattern, in the rule's dialect", async () => {
    const files = {
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "pattern:",
        "  source: [{prefix: 1}]",
        "targets: [{type: workflow, workflow: w}]",
        "---",
        "kind: Rule",
        "name: b",
        "patternDialect: eventbridge",
        "pattern:",
        "  source: cvm.cloud.tencent",
        "targets: [{type: workflow, workflow: w}]",
      ),
    };
    const places = await placesOf(files);
    expect(places).toHaveLength(2);
    expect(places[0]).toMatch(/^r\.yaml:4:21 \[\/pattern\/source\/0\/prefix\] .*prefix.*string/);
    expect(places[1]).toMatch(/^r\.yaml:11:11 \[\/pattern\/source\] /);
  });

  it("places template syntax errors at the string that holds them, in every templated field", async () => {
    const files = {
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "pattern: {source: x}",
        'throttle: {key: "{{ event.subject", rate: 1, per: 1m}',
        'dedupe: {key: "{{ ( }}", within: 1m}',
        'group: {by: "{{ }}", wait: 1s}',
        "targets:",
        "  - type: http",
        '    url: "https://x.example/{{ ] }}"',
        '    headers: {X-A: "{{ [ }}"}',
        "    body:",
        '      deep: [1, {x: "{{ $$( }}"}]',
        "  - type: workflow",
        "    workflow: w",
        '    input: {a: {b: "{{ ) }}"}}',
        "  - type: notify",
        "    channel: c",
        '    message: "on {{ event. }}"',
      ),
    };
    const places = await placesOf(files);
    expect(places.map((p) => p.split(" ").slice(0, 2).join(" "))).toEqual([
      "r.yaml:4:17 [/throttle/key]",
      "r.yaml:5:15 [/dedupe/key]",
      "r.yaml:6:13 [/group/by]",
      "r.yaml:9:10 [/targets/0/url]",
      "r.yaml:10:20 [/targets/0/headers/X-A]",
      "r.yaml:12:21 [/targets/0/body/deep/1/x]",
      "r.yaml:15:20 [/targets/1/input/a/b]",
      "r.yaml:18:14 [/targets/2/message]",
    ]);
    expect(places[0]).toContain('"{{" at offset 0 has no matching "}}"');
  });

  it("checks each target against the fields of its type, and refuses unknown types", async () => {
    const files = {
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "pattern: {source: x}",
        "targets:",
        "  - type: function",
        "    function: f",
        "  - type: http",
        "    urll: https://x.example",
        "  - type: notify",
        "    channel: c",
        "    workflow: w",
        "  - {type: carrier-pigeon}",
        "  - {workflow: w}",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "r.yaml:7:5 [/targets/1/url] missing required field 'url' in 'targets.1'",
      "r.yaml:8:5 [/targets/1/urll] unknown field 'urll' in 'targets.1'; did you mean 'url'?",
      "r.yaml:11:5 [/targets/2/workflow] unknown field 'workflow' in 'targets.2'; allowed: type, name, retry, channel, message",
      "r.yaml:12:12 [/targets/3/type] 'targets.3.type' must be http, workflow, notify, queue or function (got 'carrier-pigeon')",
      "r.yaml:13:5 [/targets/4/type] missing required field 'type' in 'targets.4'",
    ]);
  });

  it("requires 1 to 16 targets and a pattern", async () => {
    const many = Array.from({ length: 17 }, () => "  - {type: workflow, workflow: w}");
    const files = {
      "r.yaml": yaml("kind: Rule", "name: a", "pattern: {source: x}", "targets: []", "---", "kind: Rule", "name: b", "targets:", ...many),
    };
    expect(await placesOf(files)).toEqual([
      "r.yaml:4:10 [/targets] 'targets' must be a list of 1 to 16 targets (got a list)",
      "r.yaml:6:1 [/pattern] missing required field 'pattern'",
      "r.yaml:9:3 [/targets] 'targets' must be a list of 1 to 16 targets (got a list)",
    ]);
  });

  it("checks URLs, header names, GET bodies, timeouts, status ranges and backoffs of http targets", async () => {
    const files = {
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "pattern: {source: x}",
        "targets:",
        "  - type: http",
        "    url: ftp://x.example/",
        "    method: GET",
        "    body: {a: 1}",
        '    headers: {"X Bad": v, "Good-1": w}',
        "    timeout: 6m",
        "    expectStatus: [299, 200]",
        "    sign: {secret: k, header: 'A:B'}",
        "    retry: {backoff: 10m}",
        "  - type: http",
        "    url: not a url",
        "    timeout: 0s",
        "    retry: {backoff: 1s, maxBackoff: 500ms, maxAge: 0}",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "r.yaml:6:10 [/targets/0/url] the URL must use http or https, not 'ftp'",
      "r.yaml:8:5 [/targets/0/body] a GET request has no body; remove 'body' or use method POST",
      "r.yaml:9:15 [/targets/0/headers/X Bad] 'X Bad' is not a valid header name: use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only (no spaces or ':')",
      "r.yaml:10:14 [/targets/0/timeout] 'timeout' must be at most 5m (got 6m)",
      "r.yaml:11:19 [/targets/0/expectStatus] 'expectStatus' is a range [min, max]: 299 is above 200",
      "r.yaml:12:31 [/targets/0/sign/header] 'A:B' is not a valid header name: use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only (no spaces or ':')",
      "r.yaml:13:22 [/targets/0/retry/backoff] 'retry.backoff' (10m) is longer than 'retry.maxBackoff' (5m); lower backoff or raise maxBackoff",
      "r.yaml:15:10 [/targets/1/url] 'not a url' is not an absolute URL; write it in full, e.g. https://hooks.example.com/path",
      "r.yaml:16:14 [/targets/1/timeout] 'timeout' must be longer than 0s (got 0s)",
      "r.yaml:17:22 [/targets/1/retry/backoff] 'retry.backoff' (1s) is longer than 'retry.maxBackoff' (500ms); lower backoff or raise maxBackoff",
      "r.yaml:17:53 [/targets/1/retry/maxAge] 'retry.maxAge' must be longer than 0s (got 0)",
    ]);
  });

  it("requires target names unique within the rule, counting the default names t1, t2, …", async () => {
    const files = {
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "pattern: {source: x}",
        "targets:",
        "  - {name: t2, type: workflow, workflow: w}",
        "  - {type: workflow, workflow: w}",
        "  - {name: t2, type: workflow, workflow: w}",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "r.yaml:6:5 [/targets/1] target name 't2' is already used by target 1 (/targets/0); targets without 'name' are called t1, t2, … by position: name this one",
      "r.yaml:7:12 [/targets/2/name] target name 't2' is already used by target 1 (/targets/0); give each target its own name",
    ]);
  });

  it("refuses zero throttle, dedupe and group periods and out-of-range counts", async () => {
    const files = {
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "pattern: {source: x}",
        "throttle: {rate: 1, per: 0s}",
        "dedupe: {key: k, within: 0}",
        "group: {wait: 0ms}",
        "targets: [{type: workflow, workflow: w}]",
        "---",
        "kind: Rule",
        "name: b",
        "pattern: {source: x}",
        "throttle: {rate: 0, per: 1m}",
        "group: {wait: 1s, max: 1001}",
        "targets: [{type: workflow, workflow: w}]",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "r.yaml:4:26 [/throttle/per] 'throttle.per' must be longer than 0s (got 0s)",
      "r.yaml:5:26 [/dedupe/within] 'dedupe.within' must be longer than 0s (got 0)",
      "r.yaml:6:15 [/group/wait] 'group.wait' must be longer than 0s (got 0ms)",
      "r.yaml:12:18 [/throttle/rate] 'throttle.rate' must be a whole number of deliveries, at least 1 (got 0)",
      "r.yaml:13:24 [/group/max] 'group.max' must be a whole number of events from 1 to 1000 (got 1001)",
    ]);
  });

  it("reports an undeclared bus or channel, suggesting a near name, but not one whose document has problems", async () => {
    const files = {
      "decl.yaml": yaml(
        "kind: Bus",
        "name: ops",
        "---",
        "kind: Channel",
        "name: ops-webhook",
        "type: webhook",
        "url: https://hooks.example.com/ops",
        "---",
        "kind: Channel",
        "name: broken",
        "type: webhook",
        "url: nowhere",
      ),
      "r.yaml": yaml(
        "kind: Rule",
        "name: a",
        "bus: opz",
        "pattern: {source: x}",
        "targets:",
        "  - {type: notify, channel: ops-webhok}",
        "  - {type: notify, channel: broken}",
        "  - {type: notify, channel: ops-webhook}",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "decl.yaml:12:6 [/url] 'nowhere' is not an absolute URL; write it in full, e.g. https://hooks.example.com/path",
      "r.yaml:3:6 [/bus] bus 'opz' is not declared; declare it with 'kind: Bus' or use one of: default, ops; did you mean 'ops'?",
      "r.yaml:6:29 [/targets/0/channel] channel 'ops-webhok' is not declared; declare it with 'kind: Channel' or use one of: ops-webhook; did you mean 'ops-webhook'?",
    ]);
  });
});
