// The simulator publishing its events into real brokers (NATS JetStream and Mosquitto on
// 127.0.0.1): every event on its subject, in emission order, stored by the stream; retried while
// no stream captures the subject or the broker is unreachable (a relay switched off and on),
// without gaps, reordering or duplicates; close() bounded even when the broker never answers;
// `startSimulator({forwardTo})` choosing the broker by the URL's scheme.
import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { connectAsync } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors.js";
import { forwardEventsToBroker } from "../../src/sim/broker-forwarder.js";
import { eventSubject } from "../../src/sim/broker-subject.js";
import type { EventForwarder, ForwardError } from "../../src/sim/event-forwarder.js";
import { startSimulator } from "../../src/sim/server.js";
import type { SimEmittedEvent, SimFleetApi } from "../../src/sim/types.js";
import { waitFor } from "../support/reflex.js";
import { MQTT_URL, NATS_URL, startRelay, streamFixture } from "./broker-support.js";
import type { StreamFixture } from "./broker-support.js";
import { fastFleet, runningInstance, untilState } from "./fleet-support.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends { close(): Promise<void> } | EventForwarder>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

async function stream(label: string, options?: { create?: boolean }): Promise<StreamFixture> {
  const fixture = await streamFixture(label, options);
  cleanups.push(() => fixture.cleanup());
  return fixture;
}

/** The subject the scheme gives `event`, written out here rather than computed by the code under test. */
function expectedSubject(prefix: string, event: SimEmittedEvent): string {
  const body = event.body as { type?: string; product?: string; name?: string };
  return event.format === "tencent" ? `${prefix}.tencent.${String(body.type).replaceAll(":", ".")}` : `${prefix}.aliyun.${String(body.product).toLowerCase()}.${String(body.name).replaceAll(":", ".")}`;
}

/** Six events of both clouds: a Tencent alarm; an Alibaba instance booting (Pending, Running), then rebooted (Stopping, Starting, Running). */
async function emitSome(fleet: SimFleetApi): Promise<void> {
  const cvm = runningInstance(fleet, "tencent");
  const [ecs] = fleet.createInstances([{ cloud: "aliyun" }]);
  if (ecs === undefined) throw new Error("createInstances returned nothing");
  fleet.injectFault(cvm.id, "disk_usage_high");
  await untilState(fleet, ecs.id, "RUNNING");
  fleet.rebootInstances([ecs.id]);
  await waitFor(async () => (fleet.emittedEvents().filter((e) => e.instanceId === ecs.id).length === 5 ? true : undefined), `${ecs.id} to reboot`);
}

/** Waits until the stream holds every event the fleet emitted and nothing waits; returns them read back. */
async function allStored(fixture: StreamFixture, fleet: SimFleetApi, forwarder: EventForwarder, timeoutMs = 10_000) {
  const count = await waitFor(
    async () => {
      const n = await fixture.count().catch(() => -1);
      return n === fleet.emittedEvents().length && forwarder.backlog === 0 ? n : undefined;
    },
    "the stream to hold every emitted event",
    timeoutMs,
  );
  return fixture.read(count);
}

function expectSameAsEmitted(fixture: StreamFixture, fleet: SimFleetApi, stored: Awaited<ReturnType<StreamFixture["read"]>>): void {
  const emitted = fleet.emittedEvents();
  expect(stored.map((m) => m.body)).toEqual(emitted.map((e) => e.body));
  expect(stored.map((m) => m.subject)).toEqual(emitted.map((e) => expectedSubject(fixture.prefix, e)));
  expect(stored.map((m) => m.msgId)).toEqual(emitted.map((e) => e.body.id));
}

describe("forwarding into NATS JetStream", () => {
  it("publishes every event on its subject, in emission order, and the stream stores each once", async () => {
    const fixture = await stream("order");
    const fleet = fastFleet();
    const errors: ForwardError[] = [];
    const forwarder = track(forwardEventsToBroker(fleet, { url: NATS_URL, prefix: fixture.prefix, onError: (e) => errors.push(e) }));
    await emitSome(fleet);
    const stored = await allStored(fixture, fleet, forwarder);
    expect(stored.length).toBe(6);
    expectSameAsEmitted(fixture, fleet, stored);
    const subjects = stored.map((m) => m.subject);
    expect(subjects).toContain(`${fixture.prefix}.tencent.cvm.AlarmEvent.DiskUsage`);
    expect(subjects).toContain(`${fixture.prefix}.aliyun.ecs.Instance.StateChange`);
    expect(errors).toEqual([]);
  });

  it("retries while no stream captures the subjects, saying so, then delivers everything in order", async () => {
    const fixture = await stream("nostream", { create: false });
    const fleet = fastFleet();
    const errors: ForwardError[] = [];
    const forwarder = track(forwardEventsToBroker(fleet, { url: NATS_URL, prefix: fixture.prefix, onError: (e) => errors.push(e) }));
    await emitSome(fleet);
    const first = await waitFor(async () => errors[0], "the first failed publish");
    expect(first.message).toContain(`no JetStream stream on the NATS server at nats://127.0.0.1:4222 captures subject '${expectedSubject(fixture.prefix, fleet.emittedEvents()[0] as SimEmittedEvent)}'`);
    expect(first.retrying).toBe(true);
    expect(first.event).toEqual(fleet.emittedEvents()[0]);
    expect(forwarder.backlog).toBe(fleet.emittedEvents().length);
    await fixture.create();
    expectSameAsEmitted(fixture, fleet, await allStored(fixture, fleet, forwarder));
  });

  it("keeps order through a broker outage and stores no event twice", async () => {
    const fixture = await stream("outage");
    const relay = track(await startRelay(4222, "down"));
    const fleet = fastFleet();
    const errors: ForwardError[] = [];
    const forwarder = track(forwardEventsToBroker(fleet, { url: `nats://127.0.0.1:${relay.port}`, prefix: fixture.prefix, onError: (e) => errors.push(e) }));
    await emitSome(fleet);
    await waitFor(async () => (errors.length > 0 ? true : undefined), "a failed connection");
    expect(errors[0]?.message).toMatch(/^cannot connect to the NATS server at nats:\/\/127\.0\.0\.1:\d+/);
    expect(await fixture.count()).toBe(0);
    relay.up();
    await allStored(fixture, fleet, forwarder);
    // Down again: the open connection is cut; events emitted meanwhile wait.
    relay.down();
    const before = errors.length;
    await emitSome(fleet);
    await waitFor(async () => (errors.length > before ? true : undefined), "a failure while the relay is down");
    relay.up();
    expectSameAsEmitted(fixture, fleet, await allStored(fixture, fleet, forwarder));
  });

  it("closes within its bound when the broker never answers, dropping what waits", async () => {
    const held = new Set<Socket>();
    const silent = createServer((socket: Socket) => held.add(socket.on("error", () => undefined)));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const fleet = fastFleet();
    const forwarder = forwardEventsToBroker(fleet, { url: `nats://127.0.0.1:${(silent.address() as AddressInfo).port}`, closeTimeoutMs: 200, connectTimeoutMs: 10_000 });
    runningInstance(fleet, "tencent");
    fleet.createInstances([{ cloud: "aliyun" }]);
    await waitFor(async () => (forwarder.backlog > 0 ? true : undefined), "an event waiting on the silent broker");
    const started = Date.now();
    await forwarder.close();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("is what startSimulator({forwardTo}) uses for a nats:// URL", async () => {
    const fixture = await stream("server");
    const sim = track(await startSimulator({ speed: 1000, forwardTo: { url: NATS_URL, prefix: fixture.prefix } }));
    const [ecs] = sim.fleet.createInstances([{ cloud: "aliyun" }]);
    const stored = await waitFor(async () => ((await fixture.count().catch(() => 0)) >= 2 ? fixture.read(2) : undefined), "the booting instance's events in the stream");
    expect(stored.map((m) => [m.subject, (m.body as { content: { resourceId: string; state: string } }).content])).toEqual([
      [`${fixture.prefix}.aliyun.ecs.Instance.StateChange`, expect.objectContaining({ resourceId: ecs?.id, state: "Pending" })],
      [`${fixture.prefix}.aliyun.ecs.Instance.StateChange`, expect.objectContaining({ resourceId: ecs?.id, state: "Running" })],
    ]);
  });
});

describe("forwarding into MQTT", () => {
  it("publishes every event at QoS 1 on its topic, in emission order", async () => {
    const prefix = `simtest/mqtt_${Date.now().toString(36)}`;
    const subscriber = await connectAsync(MQTT_URL, { reconnectPeriod: 0, protocolVersion: 5 });
    cleanups.push(() => subscriber.endAsync());
    const received: { topic: string; body: unknown }[] = [];
    subscriber.on("message", (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString("utf8")) as unknown }));
    await subscriber.subscribeAsync(`${prefix}/#`, { qos: 1 });
    const fleet = fastFleet();
    const errors: ForwardError[] = [];
    const forwarder = track(forwardEventsToBroker(fleet, { url: MQTT_URL, prefix, onError: (e) => errors.push(e) }));
    await emitSome(fleet);
    await waitFor(async () => (received.length === fleet.emittedEvents().length && forwarder.backlog === 0 ? true : undefined), "every event at the subscriber");
    const emitted = fleet.emittedEvents();
    expect(received.map((m) => m.body)).toEqual(emitted.map((e) => e.body));
    expect(received.map((m) => m.topic)).toEqual(emitted.map((e) => expectedSubject(prefix, e).replaceAll(".", "/")));
    expect(errors).toEqual([]);
  });
});

describe("subjects and options", () => {
  const event = (format: "tencent" | "aliyun", body: Record<string, unknown>): SimEmittedEvent => ({ format, instanceId: "x", body, emittedAt: new Date(0).toISOString() });

  it("turns characters a broker does not allow in a token or level into '_'", () => {
    expect(eventSubject(event("tencent", { type: "cvm:Error Event:a.b*>" }), "p", "nats")).toBe("p.tencent.cvm.Error_Event.a_b__");
    expect(eventSubject(event("aliyun", { product: "ECS", name: "Instance:A/B+#" }), "team/p", "mqtt")).toBe("team/p/aliyun/ecs/Instance/A_B__");
    expect(eventSubject(event("aliyun", {}), "p", "nats")).toBe("p.aliyun.unknown.unknown");
  });

  it("refuses a URL that is not a broker's, a prefix the broker cannot take, a token for MQTT", () => {
    const fleet = fastFleet();
    const refusal = (options: Parameters<typeof forwardEventsToBroker>[1]): string => {
      try {
        void forwardEventsToBroker(fleet, options).close();
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return (err as Error).message;
      }
      throw new Error("expected a ValidationError");
    };
    expect(refusal({ url: "http://127.0.0.1:7420" })).toContain("'http:' is not a broker scheme");
    expect(refusal({ url: "nats://127.0.0.1:4222", prefix: "team sim" })).toContain("prefix: 'team sim' is not a NATS subject prefix");
    expect(refusal({ url: "nats://127.0.0.1:4222", prefix: "sim.>" })).toContain("wildcards");
    expect(refusal({ url: "nats://127.0.0.1:4222", prefix: "a..b" })).toContain("empty token");
    expect(refusal({ url: "mqtt://127.0.0.1:1883", prefix: "sim/#" })).toContain("not an MQTT topic prefix");
    expect(refusal({ url: "mqtt://127.0.0.1:1883", token: "t" })).toContain("MQTT has no tokens");
  });
});
