// Broker messages into events: a CloudEvent body as it is; ids derived from the broker's
// identity of the message when the event has none (the same on a redelivery, different for
// another message); a JSONata mapping with the message's topic and headers; bad messages
// refused with a reason; and an Alibaba CloudMonitor message from a queue mapped to the same
// envelope the HTTP `aliyun` adapter makes of it.
import { describe, expect, it } from "vitest";
import type { BrokerSourceSpec } from "../../src/config/types.js";
import type { CloudEvent } from "../../src/core/event.js";
import type { JsonObject } from "../../src/core/json.js";
import { aliyunAdapter } from "../../src/events/adapters/aliyun.js";
import type { IngestItem } from "../../src/events/ingest-item.js";
import type { BrokerMessage } from "../../src/sources/broker-message.js";
import { createMessageDecoder } from "../../src/sources/message-events.js";
import { loadFixture } from "../events/load-fixture.js";

const NOW = Date.UTC(2026, 0, 2);

function spec(overrides: Partial<{ mapping: JsonObject; maxMessageBytes: number; type: "amqp" | "redis" }> = {}): BrokerSourceSpec {
  const common = { name: "alarms", bus: "default", maxMessageBytes: overrides.maxMessageBytes ?? 1024, prefetch: 8, ...(overrides.mapping ? { mapping: overrides.mapping } : {}) };
  if (overrides.type === "redis") return { ...common, type: "redis", connection: { broker: "redis", url: "redis://127.0.0.1" }, stream: "s", group: "g", field: "body", claimIdleMs: 60_000 };
  return { ...common, type: "amqp", connection: { broker: "amqp", url: "amqp://127.0.0.1" }, queue: "q" };
}

function message(body: string | null, key: BrokerMessage["key"] = { messageId: "m-1" }, extra: Partial<BrokerMessage> = {}): BrokerMessage {
  return { key, body: body === null ? null : Buffer.from(body), topic: "alerts.cpu", headers: {}, ...extra };
}

function events(items: IngestItem[]): CloudEvent[] {
  return items.map((item) => {
    if (!item.ok) throw new Error(`refused: ${item.error}`);
    return item.event;
  });
}

describe("without a mapping, each message is a CloudEvent", () => {
  const decode = createMessageDecoder(spec());

  it("keeps the event as sent, its id included", async () => {
    const body = { specversion: "1.0", id: "e-1", source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-1", region: "ap-guangzhou", data: { ip: "10.0.0.1" } };
    const [event] = events(await decode(message(JSON.stringify(body)), NOW));
    expect(event).toEqual({ ...body, time: "2026-01-02T00:00:00.000Z" });
  });

  it("gives an event without id one derived from the message: the same on a redelivery, another for another message", async () => {
    const body = JSON.stringify({ source: "probe", type: "down" });
    const [first] = events(await decode(message(body), NOW));
    const [again] = events(await decode(message(body), NOW + 5_000));
    const [other] = events(await decode(message(body, { messageId: "m-2" }), NOW));
    expect(first?.id).toMatch(/^amqp-[0-9a-f]{32}$/);
    expect(again?.id).toBe(first?.id);
    expect(other?.id).not.toBe(first?.id);
  });

  it("derives ids from the topic and body when the broker gives the message no identity", async () => {
    const body = JSON.stringify({ source: "probe", type: "down" });
    const [a] = events(await decode(message(body, null), NOW));
    const [b] = events(await decode(message(body, null), NOW));
    const [c] = events(await decode(message(body, null, { topic: "alerts.disk" }), NOW));
    expect(a?.id).toBe(b?.id);
    expect(c?.id).not.toBe(a?.id);
  });

  it("reads an array as one event per element, each with its own derived id", async () => {
    const body = JSON.stringify([{ source: "probe", type: "down" }, { source: "probe", type: "down" }]);
    const [a, b] = events(await decode(message(body), NOW));
    expect(a?.id).not.toBe(b?.id);
  });

  it("refuses, with a reason, what is not a CloudEvent", async () => {
    expect(await decode(message("not json"), NOW)).toEqual([expect.objectContaining({ ok: false, error: expect.stringContaining("not JSON") as string })]);
    expect(await decode(message("[]"), NOW)).toEqual([expect.objectContaining({ ok: false, error: expect.stringContaining("no events") as string })]);
    expect(await decode(message(JSON.stringify({ source: "probe" })), NOW)).toEqual([expect.objectContaining({ ok: false, pointer: "/type" })]);
    expect(await decode(message("x".repeat(2000)), NOW)).toEqual([expect.objectContaining({ ok: false, error: expect.stringContaining("above the source's maxMessageBytes of 1024") as string })]);
  });

  it("says which field a Redis entry lacks", async () => {
    const items = await createMessageDecoder(spec({ type: "redis" }))(message(null), NOW);
    expect(items).toEqual([expect.objectContaining({ ok: false, error: "the message has no body: a Redis entry needs the field 'body' holding the event" })]);
  });
});

describe("with a mapping", () => {
  it("builds the envelope from the body, the topic and the headers; the body is the data unless mapped", async () => {
    const decode = createMessageDecoder(spec({ mapping: { source: "devices", type: "{{ 'reading.' & body.kind }}", subject: "{{ $split(message.topic, '.')[1] }}", tenant: "{{ message.headers.tenant }}" } }));
    const [event] = events(await decode(message(JSON.stringify({ kind: "temp", value: 81 }), null, { headers: { tenant: "acme" } }), NOW));
    expect(event).toMatchObject({ source: "devices", type: "reading.temp", subject: "cpu", tenant: "acme", data: { kind: "temp", value: 81 } });
    expect(event?.id).toMatch(/^amqp-/);
  });

  it("takes a body that is not JSON as text", async () => {
    const decode = createMessageDecoder(spec({ mapping: { source: "syslog", type: "line", data: { line: "{{ body }}" } } }));
    const [event] = events(await decode(message("disk /dev/sda1 full"), NOW));
    expect(event?.data).toEqual({ line: "disk /dev/sda1 full" });
  });

  it("refuses a message the mapping cannot make an event of, saying so", async () => {
    const decode = createMessageDecoder(spec({ mapping: { source: "devices", type: "{{ body.kind }}" } }));
    const [item] = await decode(message(JSON.stringify({ value: 1 })), NOW);
    expect(item).toMatchObject({ ok: false, error: expect.stringContaining("the source's mapping, applied to this message") as string });
  });

  // The same JSONata mapping for Alibaba CloudMonitor events as docs/sources.md shows.
  const CLOUDMONITOR: JsonObject = {
    id: "{{ body.id }}",
    source: "{{ 'acs.' & $lowercase(body.product) }}",
    type: "{{ body.name }}",
    subject:
      "{{ ($c := $type(body.content) = 'string' ? $eval(body.content) : body.content; [$c.resourceId, $c.instanceId, body.resourceId][$type($) = 'string' and $ != ''][0]) }}",
    time: "{{ $replace(body.eventTime, /^(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(\\.\\d+)?([+-]\\d{2})(\\d{2})$/, '$1-$2-$3T$4:$5:$6$7$8:$9') }}",
    region: "{{ body.regionId }}",
    level: "{{ body.level }}",
    status: "{{ body.status }}",
    datacontenttype: "application/json",
    data: "{{ $merge([body, {'content': $type(body.content) = 'string' ? $eval(body.content) : body.content}]) }}",
  };

  it.each(["aliyun-ecs-state-change.json", "aliyun-callback-reboot.json"])("maps a CloudMonitor message (%s) from a queue to the envelope the HTTP aliyun adapter makes", async (fixture) => {
    const body = loadFixture(fixture);
    const [fromHttp] = events(await aliyunAdapter(body, { now: NOW }));
    const [fromQueue] = events(await createMessageDecoder(spec({ mapping: CLOUDMONITOR }))(message(JSON.stringify(body)), NOW));
    // An event that carries an id keeps it either way; one without gets a derived id either way (of its own kind).
    const { id: httpId, ...httpRest } = fromHttp ?? { id: "" };
    const { id: queueId, ...queueRest } = fromQueue ?? { id: "" };
    expect(queueRest).toEqual(httpRest);
    if ((body as JsonObject).id !== undefined) expect(queueId).toBe(httpId);
    else expect(queueId).toMatch(/^amqp-[0-9a-f]{32}$/);
  });
});
