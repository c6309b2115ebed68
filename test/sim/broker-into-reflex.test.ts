// End to end through a broker: the simulator publishes its events into a JetStream stream on
// the real NATS, and a real Reflex consumes that stream with two `type: nats` sources — one
// per cloud, each filtering its subjects and mapping the vendor's body — and stores envelopes
// equal to what its HTTP adapters (/api/v1/ingest/tencent and /aliyun) make of the same bodies.
// The Source YAML here is the one docs/simulator.md shows.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudEvent } from "../../src/core/event.js";
import { aliyunAdapter } from "../../src/events/adapters/aliyun.js";
import { tencentAdapter } from "../../src/events/adapters/tencent.js";
import type { Adapter } from "../../src/events/adapters/adapter.js";
import { forwardEventsToBroker } from "../../src/sim/broker-forwarder.js";
import type { EventForwarder } from "../../src/sim/event-forwarder.js";
import type { SimEmittedEvent } from "../../src/sim/types.js";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { NATS_URL, streamFixture } from "./broker-support.js";
import type { StreamFixture } from "./broker-support.js";
import { fastFleet, runningInstance, untilState } from "./fleet-support.js";

/** The two sources, as documented: `STREAM` and `PREFIX` stand for the stream and the simulator's --forward-prefix. */
const SIM_BROKER_SOURCES = `kind: Source
name: sim-tencent
type: nats
url: nats://127.0.0.1:4222
stream: STREAM
subject: PREFIX.tencent.>
mapping:
  id: "{{ body.id }}"
  source: "{{ body.source }}"
  type: "{{ body.type }}"
  subject: "{{ body.subject }}"
  time: "{{ $type(body.time) = 'number' or $contains($string(body.time), /^[0-9]+$/) ? $fromMillis($number(body.time)) : body.time }}"
  region: "{{ body.region }}"
  status: "{{ body.status }}"
  resource: "{{ body.resource }}"
  tags: "{{ body.tags }}"
  datacontenttype: "{{ body.datacontenttype }}"
  data: "{{ body.data }}"
---
kind: Source
name: sim-aliyun
type: nats
url: nats://127.0.0.1:4222
stream: STREAM
subject: PREFIX.aliyun.>
mapping:
  id: "{{ body.id }}"
  source: "{{ 'acs.' & $lowercase(body.product) }}"
  type: "{{ body.name }}"
  subject: "{{ ($c := $type(body.content) = 'string' ? $eval(body.content) : body.content; [$c.resourceId, $c.instanceId, body.resourceId][$type($) = 'string' and $ != ''][0]) }}"
  time: "{{ $replace(body.eventTime, /^(\\\\d{4})(\\\\d{2})(\\\\d{2})T(\\\\d{2})(\\\\d{2})(\\\\d{2})(\\\\.\\\\d+)?([+-]\\\\d{2})(\\\\d{2})$/, '$1-$2-$3T$4:$5:$6$7$8:$9') }}"
  region: "{{ body.regionId }}"
  level: "{{ body.level }}"
  status: "{{ body.status }}"
  datacontenttype: application/json
  data: "{{ $merge([body, {'content': $type(body.content) = 'string' ? $eval(body.content) : body.content}]) }}"
`;

let fixture: StreamFixture;
let dir: string;
let reflex: TestReflex;

beforeAll(async () => {
  fixture = await streamFixture("e2e");
  dir = writeConfigDir({ "sim-sources.yaml": SIM_BROKER_SOURCES.replaceAll("STREAM", fixture.stream).replaceAll("PREFIX", fixture.prefix) });
  reflex = await startTestReflex({ configDir: dir });
}, 30_000);
afterAll(async () => {
  await reflex?.stop();
  await fixture?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface StoredItem {
  bus: string;
  event: CloudEvent;
}

async function storedFor(subject: string): Promise<CloudEvent[]> {
  const res = await reflex.api(`/api/v1/events?subject=${encodeURIComponent(subject)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: StoredItem[] }).items.map((i) => i.event).reverse();
}

/** What Reflex's HTTP ingest adapter for the event's cloud makes of its body. */
async function viaHttpAdapter(emitted: SimEmittedEvent): Promise<CloudEvent> {
  const adapter: Adapter = emitted.format === "tencent" ? tencentAdapter : aliyunAdapter;
  const [item] = await adapter(emitted.body, { now: Date.now() });
  if (item?.ok !== true) throw new Error(`the ${emitted.format} adapter refused ${JSON.stringify(emitted.body)}: ${JSON.stringify(item)}`);
  return item.event;
}

describe("simulator → NATS JetStream → Reflex", () => {
  it("stores both clouds' events as the HTTP ingest would, found by subject", { timeout: 30_000 }, async () => {
    const fleet = fastFleet();
    const forwarder: EventForwarder = forwardEventsToBroker(fleet, { url: NATS_URL, prefix: fixture.prefix });
    try {
      const cvm = runningInstance(fleet, "tencent");
      const [ecs] = fleet.createInstances([{ cloud: "aliyun", preemptible: true }]);
      if (ecs === undefined) throw new Error("createInstances returned nothing");
      fleet.injectFault(cvm.id, "ping_unreachable");
      await untilState(fleet, ecs.id, "RUNNING");
      fleet.injectFault(ecs.id, "preemptible_interruption");
      const emittedFor = (id: string) => fleet.emittedEvents().filter((e) => e.instanceId === id);
      // Pending, Running, the interruption notice; the release (Stopping…Deleted) may follow.
      await waitFor(async () => (emittedFor(ecs.id).length >= 3 ? true : undefined), "the interruption notice");

      const tencent = await waitFor(async () => {
        const events = await storedFor(cvm.id);
        return events.length >= 1 ? events : undefined;
      }, `${cvm.id}'s event in Reflex`, 20_000);
      const aliyun = await waitFor(async () => {
        const events = await storedFor(ecs.id);
        return events.length >= 3 && events.length === emittedFor(ecs.id).length ? events : undefined;
      }, `${ecs.id}'s events in Reflex`, 20_000);

      // A batch of messages is stored side by side (docs/sources.md), so compare in emission order.
      const inEmissionOrder = (stored: CloudEvent[], id: string) => {
        const order = emittedFor(id).map((e) => String(e.body.id));
        return [...stored].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
      };
      const tencentInOrder = inEmissionOrder(tencent, cvm.id);
      expect(tencentInOrder).toEqual(await Promise.all(emittedFor(cvm.id).slice(0, tencent.length).map(viaHttpAdapter)));
      expect(tencentInOrder[0]).toMatchObject({ source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: cvm.id, region: "ap-guangzhou", status: "1" });
      const aliyunInOrder = inEmissionOrder(aliyun, ecs.id);
      expect(aliyunInOrder).toEqual(await Promise.all(emittedFor(ecs.id).slice(0, aliyun.length).map(viaHttpAdapter)));
      expect(aliyunInOrder.slice(0, 3).map((e) => [e.source, e.type, e.subject, e.region])).toEqual([
        ["acs.ecs", "Instance:StateChange", ecs.id, "cn-hangzhou"],
        ["acs.ecs", "Instance:StateChange", ecs.id, "cn-hangzhou"],
        ["acs.ecs", "Instance:PreemptibleInstanceInterruption", ecs.id, "cn-hangzhou"],
      ]);
    } finally {
      await forwarder.close();
    }
  });
});
