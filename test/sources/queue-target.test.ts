// The `queue` rule target against the real brokers: a rule's target rendered for an event
// (through a declared broker source, or a URL of its own) and published the way a delivery
// attempt publishes it; the broker's own client reads back what arrived. Failures say whether
// another attempt can help, and a retried attempt is not published twice where the broker
// deduplicates (JetStream).
import { afterEach, describe, expect, it } from "vitest";
import type { BrokerType, ReflexConfig } from "../../src/config/types.js";
import type { CloudEvent } from "../../src/core/event.js";
import type { JsonObject } from "../../src/core/json.js";
import { compileRule } from "../../src/rules/compiled-rule.js";
import { redactRequest } from "../../src/rules/delivery-request.js";
import type { QueueRequestSpec } from "../../src/rules/delivery-request.js";
import { renderTargets } from "../../src/rules/render-targets.js";
import { BrokerPublishError, publishToBroker } from "../../src/sources/index.js";
import type { PublishContext } from "../../src/sources/index.js";
import { BROKER_TYPES, NATS_URL, brokerFixture } from "./support/brokers.js";
import type { BrokerFixture } from "./support/brokers.js";
import { loadYaml, memorySecrets } from "./support/harness.js";

const fixtures: BrokerFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.cleanup();
});

const EVENT: CloudEvent = { specversion: "1.0", id: "e-42", source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-42", time: "2026-01-01T00:00:00Z", data: { ip: "10.0.0.42" } };

function yamlFields(fields: Record<string, string | number>, indent: string): string {
  return Object.entries(fields).map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}`).join("\n");
}

/** The queue requests a rule's targets render to for EVENT. */
async function requests(config: ReflexConfig, rule: string, brokerSources = config.brokerSources): Promise<QueueRequestSpec[]> {
  const spec = config.rules.get(rule);
  if (!spec) throw new Error(`rule ${rule} not loaded`);
  const plans = await renderTargets(compileRule(spec, "api"), { events: [EVENT], group: false, now: Date.parse("2026-01-01T00:00:01Z"), channels: new Map(), brokerSources });
  return plans.map((plan) => {
    if (plan.request?.type !== "queue") throw new Error(`not a queue request: ${JSON.stringify(plan)}`);
    return plan.request;
  });
}

function publish(request: QueueRequestSpec, messageId: string, ctx: Partial<PublishContext> = {}): Promise<string> {
  return publishToBroker({ ...request, messageId }, { env: {}, signal: new AbortController().signal, ...ctx });
}

describe.each(BROKER_TYPES)("to %s", (type: BrokerType) => {
  it("publishes the rendered body through a declared source, and the event itself through a URL of its own", async () => {
    const fixture = await brokerFixture(type, "qt");
    fixtures.push(fixture);
    const config = await loadYaml(`
kind: Source
name: broker
type: ${type}
${yamlFields(fixture.source, "")}
---
kind: Rule
name: forward
pattern: {source: [cvm.cloud.tencent]}
targets:
  - type: queue
    source: broker
${yamlFields(fixture.target, "    ").replace(/^(\s+url: .*)$/m, "")}
    body: {alert: "{{ event.type }}", host: "{{ event.subject }}", ip: "{{ event.data.ip }}"}
  - type: queue
${yamlFields(fixture.target, "    ")}
`);
    const [viaSource, viaUrl] = await requests(config, "forward");
    if (!viaSource || !viaUrl) throw new Error("two requests expected");
    expect(viaSource.connection.broker).toBe(type);
    expect(await publish(viaSource, "d-1")).toMatch(/./);
    expect(await publish(viaUrl, "d-2")).toMatch(/./);
    const [first, second] = (await fixture.published(2)).map((text) => JSON.parse(text) as JsonObject);
    expect(first).toEqual({ alert: "cvm:ErrorEvent:PingUnreachable", host: "ins-42", ip: "10.0.0.42" });
    expect(second).toEqual(EVENT);
  });
});

describe("failures", () => {
  it("says when no JetStream stream captures the subject, as worth another attempt", async () => {
    const config = await loadYaml(`
kind: Rule
name: nowhere
pattern: {source: [x]}
targets: [{type: queue, url: "${NATS_URL}", subject: "nobody.listens.{{ event.id }}"}]
`);
    const [request] = await requests(config, "nowhere");
    const failure = await publish(request as QueueRequestSpec, "d-1").catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(BrokerPublishError);
    expect(failure).toMatchObject({ permanent: false, message: expect.stringContaining("no JetStream stream captures subject 'nobody.listens.e-42'") as string });
  });

  it("says when no AMQP queue is bound for the message", async () => {
    const config = await loadYaml(`
kind: Rule
name: unroutable
pattern: {source: [x]}
targets: [{type: queue, url: "amqp://127.0.0.1:5672", queue: "no-such-queue-${process.pid}"}]
`);
    const [request] = await requests(config, "unroutable");
    await expect(publish(request as QueueRequestSpec, "d-1")).rejects.toThrow(/no queue is bound for queue 'no-such-queue-/);
  });

  it("gives up at once when a credential is missing, and never shows a credential in the request as viewed", async () => {
    const config = await loadYaml(`
kind: Rule
name: creds
pattern: {source: [x]}
targets:
  - {type: queue, url: "amqp://127.0.0.1:5672", queue: q, username: guest, password: {env: RABBIT_PASSWORD}}
  - {type: queue, url: "amqp://127.0.0.1:5672", queue: q, username: guest, password: "{{ secrets.rabbit }}"}
  - {type: queue, url: "redis://:Hunter2@127.0.0.1:6379", stream: s}
`);
    const [fromEnv, fromSecret, inUrl] = await requests(config, "creds");
    await expect(publish(fromEnv as QueueRequestSpec, "d-1")).rejects.toMatchObject({ permanent: true, message: expect.stringContaining("environment variable RABBIT_PASSWORD") as string });
    await expect(publish(fromSecret as QueueRequestSpec, "d-2")).rejects.toMatchObject({ permanent: true, message: expect.stringContaining("secret rabbit is not set") as string });
    await expect(publish(fromSecret as QueueRequestSpec, "d-3", { secrets: memorySecrets({ rabbit: "wrong" }) })).rejects.toMatchObject({ permanent: false });
    const shown = JSON.stringify([fromEnv, fromSecret, inUrl].map((r) => redactRequest(r as QueueRequestSpec)));
    expect(shown).not.toContain("Hunter2");
    expect(shown).toContain('"password":{"env":"RABBIT_PASSWORD"}');
  });

  it("publishes a retried attempt to JetStream once (the delivery id is the message id)", async () => {
    const fixture = await brokerFixture("nats", "dedupe");
    fixtures.push(fixture);
    const config = await loadYaml(`
kind: Rule
name: twice
pattern: {source: [x]}
targets: [{type: queue, url: "${NATS_URL}", subject: "${fixture.target.subject ?? ""}", body: "plain text {{ event.id }}"}]
`);
    const [request] = await requests(config, "twice");
    expect(await publish(request as QueueRequestSpec, "delivery-7")).toContain("sequence 1");
    expect(await publish(request as QueueRequestSpec, "delivery-7")).toContain("a duplicate of an earlier attempt");
    expect(await fixture.published(1)).toEqual(["plain text e-42"]);
  });

  it("cannot render a target whose source is no longer declared", async () => {
    const fixture = await brokerFixture("redis", "gone");
    fixtures.push(fixture);
    const config = await loadYaml(`
kind: Source
name: gone
type: redis
${yamlFields(fixture.source, "")}
---
kind: Rule
name: orphan
pattern: {source: [x]}
targets: [{type: queue, source: gone, stream: out}]
`);
    const spec = config.rules.get("orphan");
    if (!spec) throw new Error("rule not loaded");
    const [plan] = await renderTargets(compileRule(spec, "api"), { events: [EVENT], group: false, now: 0, channels: new Map(), brokerSources: new Map() });
    expect(plan).toMatchObject({ request: null, pointer: "/targets/0/source", error: expect.stringContaining("source 'gone' is not a declared broker Source") as string });
  });
});
