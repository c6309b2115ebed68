// Each broker source against its real broker on 127.0.0.1, on the real store: messages
// published with the broker's own client become stored events with the right envelope and are
// acknowledged; a bad message is acknowledged, logged and counted, and does not come back
// after a restart; a storage failure leaves the message unacknowledged, the broker delivers it
// again and it is stored once; credentials come from secrets and the environment and never
// show in what Reflex reports.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BrokerType } from "../../src/config/types.js";
import type { IngestPort } from "../../src/sources/index.js";
import type { Store } from "../../src/store/open-store.js";
import { waitFor } from "../support/reflex.js";
import { openTestStore } from "../support/store.js";
import { BROKER_TYPES, brokerFixture, discardMqttSession } from "./support/brokers.js";
import type { BrokerFixture } from "./support/brokers.js";
import { loadYaml, memorySecrets, startHarness } from "./support/harness.js";
import type { Harness } from "./support/harness.js";

let store: Store;
let cleanupStore: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup: cleanupStore } = await openTestStore());
});
afterAll(async () => cleanupStore());

/** What each test started, stopped afterwards whatever happened. */
const started: { harnesses: Harness[]; fixtures: BrokerFixture[]; mqttClients: string[] } = { harnesses: [], fixtures: [], mqttClients: [] };
afterEach(async () => {
  for (const h of started.harnesses.splice(0)) await h.stop();
  for (const f of started.fixtures.splice(0)) await f.cleanup();
  for (const id of started.mqttClients.splice(0)) await discardMqttSession(id);
});

let counter = 0;

/** A fixture, a source consuming it (YAML as a user writes it) and a running manager. */
async function consume(type: BrokerType, extra = "", options: Parameters<typeof startHarness>[2] = {}) {
  counter += 1;
  const name = `${type}-src-${process.pid}-${counter}`;
  const fixture = await brokerFixture(type, `s${counter}`);
  started.fixtures.push(fixture);
  if (type === "mqtt") started.mqttClients.push(`reflex-${name}`);
  const fields = Object.entries(fixture.source).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n");
  const config = await loadYaml(`kind: Source\nname: ${name}\ntype: ${type}\nprefetch: 4\n${fields}\n${extra}`);
  const harness = await startHarness(store, config, options);
  started.harnesses.push(harness);
  await harness.consuming(name);
  return { name, fixture, harness, config };
}

function cloudEvent(id: string | undefined, source: string, n: number): string {
  return JSON.stringify({ specversion: "1.0", ...(id === undefined ? {} : { id }), source, type: "probe.checked", subject: `host-${n}`, region: "ap-guangzhou", data: { n } });
}

describe.each(BROKER_TYPES)("%s source", (type) => {
  it("stores what the broker's client publishes, with the right envelope, and acknowledges it", async () => {
    const { name, fixture, harness } = await consume(type);
    const source = `test.${type}.${counter}`;
    await fixture.publish([...[1, 2, 3, 4, 5].map((n) => cloudEvent(`e-${n}`, source, n)), cloudEvent(undefined, source, 6)]);
    const stored = await waitFor(async () => {
      const events = await harness.events(source);
      return events.length === 6 ? events : undefined;
    }, "six stored events");
    // A batch is stored side by side, so storage order need not be publishing order (docs/sources.md).
    expect(stored.filter((e) => e.subject !== "host-6").map((e) => e.id).sort()).toEqual(["e-1", "e-2", "e-3", "e-4", "e-5"]);
    expect(stored.find((e) => e.subject === "host-1")).toMatchObject({ specversion: "1.0", id: "e-1", source, type: "probe.checked", region: "ap-guangzhou", data: { n: 1 } });
    expect(stored.find((e) => e.subject === "host-6")?.id).toMatch(new RegExp(`^${type}-[0-9a-f]{32}$`));
    // The rows are visible a moment before the receiver counts them.
    await waitFor(async () => ((await harness.counted(name, "stored")) === 6 ? true : undefined), "six messages counted as stored");
    if (type !== "amqp") await waitFor(async () => ((await fixture.unacknowledged(name)) ?? 0) === 0 || undefined, "no unacknowledged messages");
    await harness.stop();
    started.harnesses.pop();
    // AMQP counts only ready messages: unacknowledged ones would be back there once the consumer is gone.
    expect(await fixture.unacknowledged(name)).toBe(type === "mqtt" ? null : 0);
  });

  it("acknowledges a bad message, logs and counts it, and it does not come back", async () => {
    const { name, fixture, harness, config } = await consume(type);
    const source = `test.${type}.${counter}`;
    await fixture.publish(["this is not JSON", JSON.stringify({ source }), cloudEvent("good-1", source, 1)]);
    await waitFor(async () => ((await harness.events(source)).length === 1 ? true : undefined), "the good event stored");
    await waitFor(async () => ((await harness.counted(name, "rejected")) === 2 ? true : undefined), "two messages counted as rejected");
    const refusals = harness.logs.filter((line) => line.includes("refused a message")).map((line) => JSON.parse(line) as { errors: string[] });
    expect(refusals.flatMap((r) => r.errors).join("\n")).toMatch(/not JSON[\s\S]*type is required|type is required[\s\S]*not JSON/);
    await harness.stop();
    started.harnesses.pop();

    // A new consumer on the same source: only a new message arrives, not the bad ones again.
    const again = await startHarness(store, config);
    started.harnesses.push(again);
    await again.consuming(name);
    await fixture.publish([cloudEvent("good-2", source, 2)]);
    await waitFor(async () => ((await again.events(source)).length === 2 ? true : undefined), "the second good event stored");
    await waitFor(async () => ((await again.counted(name, "stored")) === 1 ? true : undefined), "the second good event counted");
    expect(await again.counted(name, "rejected")).toBe(0);
  });

  it("does not acknowledge a message whose events could not be stored: the broker delivers it again, and it is stored once", async () => {
    let failures = 2;
    const wrap = (ingest: IngestPort): IngestPort => ({
      ingest: async (bus, items) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error("database is locked");
        }
        return ingest.ingest(bus, items);
      },
    });
    const { name, fixture, harness } = await consume(type, "", { wrap });
    const source = `test.${type}.${counter}`;
    await fixture.publish([1, 2, 3].map((n) => cloudEvent(`r-${n}`, source, n)), { messageIds: ["r-1", "r-2", "r-3"] });
    await waitFor(async () => ((await harness.events(source)).length === 3 ? true : undefined), "all three stored after redelivery", 20_000);
    expect((await harness.events(source)).map((e) => e.id).sort()).toEqual(["r-1", "r-2", "r-3"]);
    expect(await harness.counted(name, "failed")).toBe(2);
    await waitFor(async () => ((await harness.counted(name, "stored")) === 3 ? true : undefined), "three messages counted as stored");
    expect(harness.logs.some((line) => line.includes("database is locked") && line.includes("connecting again"))).toBe(true);
  });
});

describe("credentials", () => {
  it("reads a password from the secret store and a user name from the environment when connecting", async () => {
    const { name, harness } = await consume("amqp", 'username: {env: RABBIT_USER}\npassword: "{{ secrets.rabbit_password }}"', {
      secrets: memorySecrets({ rabbit_password: "guest" }),
      env: { RABBIT_USER: "guest" },
    });
    expect(harness.manager.status().find((s) => s.name === name)).toMatchObject({ state: "consuming", lastError: null });
  });

  it("keeps trying with a wrong password, and never shows it", async () => {
    counter += 1;
    const fixture = await brokerFixture("amqp", `s${counter}`);
    started.fixtures.push(fixture);
    const name = `amqp-badpw-${counter}`;
    const config = await loadYaml(`kind: Source\nname: ${name}\ntype: amqp\nurl: ${String(fixture.source.url)}\nqueue: ${String(fixture.source.queue)}\nusername: guest\npassword: "{{ secrets.rabbit_password }}"`);
    const harness = await startHarness(store, config, { secrets: memorySecrets({ rabbit_password: "Wr0ng-Pa55" }) });
    started.harnesses.push(harness);
    const status = await waitFor(async () => {
      const s = harness.manager.status().find((x) => x.name === name);
      return s !== undefined && s.failures >= 2 ? s : undefined;
    }, "two failed connection attempts");
    expect(status.state).not.toBe("consuming");
    expect(status.lastError).toMatch(/ACCESS_REFUSED|auth|refused/i);
    expect(JSON.stringify(harness.manager.status()) + harness.logs.join("\n")).not.toContain("Wr0ng-Pa55");
  });

  it("says which secret is missing", async () => {
    counter += 1;
    const name = `nats-nosecret-${counter}`;
    const config = await loadYaml(`kind: Source\nname: ${name}\ntype: nats\nurl: nats://127.0.0.1:4222\nstream: NOPE\ntoken: "{{ secrets.nats_token }}"`);
    const harness = await startHarness(store, config);
    started.harnesses.push(harness);
    const status = await waitFor(async () => harness.manager.status().find((s) => s.name === name && s.lastError !== null), "a failed attempt");
    expect(status.lastError).toContain("secret nats_token is not set");
  });
});

describe("a source not set up on its broker", () => {
  it.each([
    ["nats", "url: nats://127.0.0.1:4222\nstream: NO_SUCH_STREAM_X", "JetStream stream 'NO_SUCH_STREAM_X' does not exist; create it"],
    ["amqp", "url: amqp://127.0.0.1:5672\nqueue: no-such-queue-x", "declare the queue (durable) on the broker"],
  ])("%s: keeps retrying, saying what to create", async (type, fields, expected) => {
    counter += 1;
    const name = `${type}-missing-${counter}`;
    const harness = await startHarness(store, await loadYaml(`kind: Source\nname: ${name}\ntype: ${type}\n${fields}`));
    started.harnesses.push(harness);
    const status = await waitFor(async () => harness.manager.status().find((s) => s.name === name && s.failures >= 2), "two failed attempts");
    expect(status.lastError).toContain(expected);
  });
});

describe("configuration changes", () => {
  it("starts added sources, stops removed ones and restarts changed ones", async () => {
    const { name, fixture, harness, config } = await consume("redis");
    const source = `test.reload.${counter}`;
    await fixture.publish([cloudEvent("before", source, 1)]);
    await waitFor(async () => ((await harness.events(source)).length === 1 ? true : undefined), "first event");

    await harness.manager.apply(new Map());
    expect(harness.manager.status()).toEqual([]);
    await fixture.publish([cloudEvent("while-removed", source, 2)]);

    const spec = config.brokerSources.get(name);
    if (spec?.type !== "redis") throw new Error("the redis source is missing");
    await harness.manager.apply(new Map([[name, { ...spec, prefetch: 2 }]]));
    await harness.consuming(name);
    await waitFor(async () => ((await harness.events(source)).length === 2 ? true : undefined), "the event published while the source was removed");
    expect(harness.logs.some((line) => line.includes(`source '${name}' removed`))).toBe(true);
  });
});
