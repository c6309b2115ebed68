// `kind: Source` for brokers and the `queue` rule target, as config: defaults filled in, pull
// sources kept apart from the push endpoints, and every mistake reported at its line with
// words that say how to fix it.
import { describe, expect, it } from "vitest";
import { loadConfigDir } from "../../src/config/load.js";
import { writeConfigDir } from "../support/config-dir.js";

async function load(text: string) {
  return loadConfigDir(writeConfigDir({ "config.yaml": text }));
}

async function problems(text: string): Promise<string[]> {
  const loaded = await load(text);
  return loaded.problems.map((p) => `${p.line}:${p.col} ${p.pointer} ${p.message}`);
}

describe("broker sources", () => {
  it("fills in defaults and keeps pull sources apart from push endpoints", async () => {
    const { config, problems: found } = await load(`
kind: Source
name: alarms
type: nats
url: nats://127.0.0.1:4222
stream: ALARMS
subject: alarms.>
password: {env: NATS_PASSWORD}
---
kind: Source
name: cloudmonitor
type: amqp
bus: ops
url: amqp://127.0.0.1:5672
queue: cloudmonitor-events
mapping: {source: "{{ 'acs.' & body.product }}", type: "{{ body.name }}"}
---
kind: Source
name: devices
type: mqtt
url: mqtt://127.0.0.1:1883
topic: devices/+/alerts
group: reflex
---
kind: Source
name: jobs
type: redis
url: redis://127.0.0.1:6379
stream: "ops:events"
---
kind: Bus
name: ops
---
kind: Source
name: grafana
type: webhook
mapping: {source: grafana, type: alert}
`);
    expect(found).toEqual([]);
    expect(config?.sources.has("alarms")).toBe(false);
    expect(config?.sources.get("grafana")?.type).toBe("webhook");
    expect(config?.brokerSources.get("alarms")).toEqual({
      name: "alarms",
      type: "nats",
      bus: "default",
      connection: { broker: "nats", url: "nats://127.0.0.1:4222", password: { env: "NATS_PASSWORD" } },
      maxMessageBytes: 1024 * 1024,
      prefetch: 32,
      stream: "ALARMS",
      consumer: "reflex-alarms",
      subject: "alarms.>",
      ackWaitMs: 30_000,
    });
    expect(config?.brokerSources.get("cloudmonitor")).toMatchObject({ type: "amqp", bus: "ops", queue: "cloudmonitor-events", mapping: { type: "{{ body.name }}" } });
    expect(config?.brokerSources.get("devices")).toMatchObject({ type: "mqtt", clientId: "reflex-devices", group: "reflex", sessionExpiryMs: 7 * 86_400_000 });
    expect(config?.brokerSources.get("jobs")).toMatchObject({ type: "redis", stream: "ops:events", group: "reflex-jobs", field: "body", claimIdleMs: 60_000 });
  });

  it("reports each mistake at its place, saying what to write", async () => {
    const found = await problems(`
kind: Source
name: a
type: nats
url: amqp://127.0.0.1
stream: A
---
kind: Source
name: b
type: amqp
url: amqp://127.0.0.1
queu: events
---
kind: Source
name: c
type: mqtt
url: mqtt://127.0.0.1
topic: "alerts/#/cpu"
---
kind: Source
name: d
type: redis
url: redis://127.0.0.1
stream: s
mapping: {source: x, subject: "{{ body.( }}"}
---
kind: Source
name: f
type: redis
url: redis://127.0.0.1
stream: s
bus: nowhere
---
kind: Source
name: e
type: nats
url: nats://127.0.0.1
stream: E
auth: {token: x}
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^5:\d+ \/url a nats connection needs a nats:\/\/ or tls:\/\/ URL, not 'amqp:\/\/127.0.0.1' \(that URL is for amqp\)$/),
        expect.stringMatching(/^12:\d+ \/queu unknown field 'queu'.*did you mean 'queue'/),
        expect.stringMatching(/^8:1 \/queue missing required field 'queue'/),
        expect.stringMatching(/^18:\d+ \/topic 'alerts\/#\/cpu' is not a valid MQTT topic filter/),
        expect.stringMatching(/\/mapping\/type 'mapping' needs 'type'/),
        expect.stringMatching(/\/mapping\/subject template at \/mapping\/subject/),
        expect.stringMatching(/\/bus bus 'nowhere' is not declared/),
        expect.stringMatching(/\/auth unknown field 'auth'/),
      ]),
    );
  });
});

describe("the queue target", () => {
  const sources = `
kind: Source
name: alarms
type: nats
url: nats://127.0.0.1:4222
stream: ALARMS
---
kind: Source
name: grafana
type: webhook
mapping: {source: grafana, type: alert}
`;

  it("builds a target through a declared source and one with its own URL", async () => {
    const { config, problems: found } = await load(`${sources}
---
kind: Rule
name: forward
pattern: {source: [cvm.cloud.tencent]}
targets:
  - type: queue
    source: alarms
    subject: "ops.{{ event.type }}"
  - type: queue
    url: amqp://127.0.0.1:5672
    username: guest
    password: "{{ secrets.rabbit }}"
    queue: incidents
    body: {text: "{{ event.subject }} is down"}
    timeout: 5s
`);
    expect(found).toEqual([]);
    expect(config?.rules.get("forward")?.targets).toEqual([
      expect.objectContaining({ type: "queue", name: "t1", source: "alarms", destination: { subject: "ops.{{ event.type }}" }, timeoutMs: 10_000 }),
      expect.objectContaining({
        type: "queue",
        name: "t2",
        connection: { broker: "amqp", url: "amqp://127.0.0.1:5672", username: "guest", password: "{{ secrets.rabbit }}" },
        destination: { queue: "incidents" },
        body: { text: "{{ event.subject }} is down" },
        timeoutMs: 5_000,
      }),
    ]);
  });

  it("reports a target that cannot say where to publish", async () => {
    const found = await problems(`${sources}
---
kind: Rule
name: broken
pattern: {source: [x]}
targets:
  - type: queue
    subject: a
  - type: queue
    url: http://example.com
    topic: a
  - type: queue
    url: mqtt://127.0.0.1
    subject: a
  - type: queue
    source: alarms
    password: x
    subject: "{{ event.( }}"
  - type: queue
    url: amqp://127.0.0.1
    queue: q
    exchange: ex
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/targets\/0 a queue target needs 'source'.*or 'url'/),
        expect.stringMatching(/\/targets\/1\/url 'url' must be a broker URL starting with one of: nats:\/\//),
        expect.stringMatching(/\/targets\/2\/subject 'subject' is for nats; a mqtt destination takes 'topic'/),
        expect.stringMatching(/\/targets\/2 a queue target publishing to mqtt needs 'topic'/),
        expect.stringMatching(/\/targets\/3\/password 'password' comes from source 'alarms'; remove it here/),
        expect.stringMatching(/\/targets\/3\/subject template at \/targets\/3\/subject/),
        expect.stringMatching(/\/targets\/4\/queue 'queue' is short for the default exchange/),
      ]),
    );
  });

  it("checks a target's source once every document is loaded", async () => {
    const found = await problems(`${sources}
---
kind: Rule
name: refs
pattern: {source: [x]}
targets:
  - type: queue
    source: alarms
    topic: a
  - type: queue
    source: grafana
    subject: a
  - type: queue
    source: alarm
    subject: a
`);
    expect(found).toEqual([
      expect.stringMatching(/^\d+:\d+ \/targets\/0 a queue target publishing to nats needs 'subject'$/),
      expect.stringMatching(/\/targets\/0\/topic 'topic' is for mqtt; a nats destination takes 'subject'$/),
      expect.stringMatching(/\/targets\/1\/source source 'grafana' is a push source \(type webhook\)/),
      expect.stringMatching(/\/targets\/2\/source source 'alarm' is not declared.*broker sources: alarms; did you mean 'alarms'/),
    ]);
  });
});
