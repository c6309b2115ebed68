// Probes on a real store and the real ingest path, driven round by round with a manual clock:
// an HTTP probe against a loopback server flipped between 200 and 500 goes down only after N
// failures and up after M successes, with one event per change, and a restarted prober (or a
// second node) carries on from the stored state without emitting again. TCP probes against a
// listening, then closed port; a change whose event was never stored is emitted by the next
// claimer; the metrics read the stored status.
import { createServer } from "node:net";
import type { AddressInfo, Server } from "node:net";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ReflexConfig } from "../../src/config/types.js";
import { ManualClock } from "../../src/core/clock.js";
import { newId } from "../../src/core/ids.js";
import { ProbeMetrics, ProbeRunner, readProbeStates } from "../../src/sources/probes/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";
import type { FlipServer } from "./probes-schedules-support.js";
import { configFrom, ingestFor, memorySecrets, secondStore, silent, startFlipServer, storedEvents } from "./probes-schedules-support.js";

let store: Store;
let database: TestDatabase;
let cleanup: () => Promise<void>;
let web: FlipServer;

beforeAll(async () => {
  ({ store, database, cleanup } = await openTestStore());
  web = await startFlipServer();
});
afterAll(async () => {
  await web.close();
  await cleanup();
});

const runners: ProbeRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
});

/** A prober over `config` on `on` (this test's store by default). */
function prober(config: ReflexConfig, clock: ManualClock, options: { on?: Store; secrets?: Record<string, string>; registry?: Registry } = {}): { runner: ProbeRunner; idle(): Promise<void> } {
  const on = options.on ?? store;
  const { ingest, idle } = ingestFor(on, clock, () => config);
  const observer = options.registry ? new ProbeMetrics(options.registry, () => readProbeStates(on.db, [...config.probes.keys()])) : undefined;
  const runner = new ProbeRunner({ store: on, clock, config: () => config, sink: ingest, logger: silent, ...(observer ? { observer } : {}), ...(options.secrets ? { secrets: memorySecrets(options.secrets) } : {}) });
  runners.push(runner);
  return { runner, idle };
}

async function stateOf(name: string) {
  const [row] = await readProbeStates(store.db, [name]);
  return row;
}

describe("http probes", () => {
  it("goes down only after N failures and up after M successes, one event per change, across a restart", async () => {
    const clock = new ManualClock();
    web.status = 200;
    const config = await configFrom(
      ["kind: Probe", "name: web", "type: http", `url: ${web.url}`, "interval: 10s", "failures: 3", "successes: 2", "labels: {team: web}"].join("\n"),
    );
    const first = prober(config, clock);
    const round = async (runner: ProbeRunner): Promise<void> => {
      await runner.tick();
      clock.advance(10_000);
    };

    await round(first.runner); // success 1: still unknown
    expect((await stateOf("web"))?.status).toBe("unknown");
    await round(first.runner); // success 2: up, and a first `up` is not reported
    expect((await stateOf("web"))?.status).toBe("up");

    // Once checked, a probe is not due again before its interval has passed.
    const requests = web.authorizations.length;
    await first.runner.tick();
    await first.runner.tick();
    expect(web.authorizations.length).toBe(requests + 1);
    clock.advance(10_000);

    web.status = 500;
    await round(first.runner);
    await round(first.runner);
    expect(await storedEvents(store, "reflex.probe/web")).toEqual([]);
    expect(await stateOf("web")).toMatchObject({ status: "up", failures: 2, successes: 0, last_result: "failure", last_reason: "HTTP 500 (expected 200-299)" });
    await round(first.runner); // third failure: down
    await round(first.runner); // fourth: still down, nothing new
    await first.idle();
    const down = await storedEvents(store, "reflex.probe/web");
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({
      type: "reflex.probe.down",
      source: "reflex.probe/web",
      subject: web.url,
      data: { probe: "web", check: "http", target: web.url, status: "down", previous: "up", reason: "HTTP 500 (expected 200-299)", consecutiveFailures: 3, consecutiveSuccesses: 0, labels: { team: "web" } },
    });
    expect(typeof (down[0]?.data as { latencyMs: unknown }).latencyMs).toBe("number");

    // A new prober (a restart, or another scheduler node) carries on from the stored state.
    await first.runner.stop();
    const second = prober(config, clock);
    await round(second.runner);
    expect(await stateOf("web")).toMatchObject({ status: "down", failures: 5 });
    web.status = 200;
    await round(second.runner); // one success of two
    expect((await stateOf("web"))?.status).toBe("down");
    await round(second.runner);
    await round(second.runner);
    await second.idle();
    const events = await storedEvents(store, "reflex.probe/web");
    expect(events.map((e) => e.type)).toEqual(["reflex.probe.down", "reflex.probe.up"]);
    expect(events[1]).toMatchObject({ data: { status: "up", previous: "down", reason: "HTTP 200", consecutiveSuccesses: 2, consecutiveFailures: 0 } });
    expect(await stateOf("web")).toMatchObject({ status: "up", successes: 3, lease_token: null, pending_event: null });
  });

  it("reports a probe that is down from the start, sends secret headers and checks the body", async () => {
    const clock = new ManualClock();
    web.status = 200;
    web.body = "status: degraded";
    const config = await configFrom(
      [
        "kind: Probe",
        "name: body",
        "type: http",
        `url: ${web.url}`,
        'headers: {Authorization: "Bearer {{ secrets.WEB_TOKEN }}"}',
        "expectBody: {matches: '^status: (ok|fine)$'}",
        "interval: 5s",
        "failures: 1",
      ].join("\n"),
    );
    const { runner, idle } = prober(config, clock, { secrets: { WEB_TOKEN: "t0ken-value" } });
    await runner.tick();
    await idle();
    expect(web.authorizations.at(-1)).toBe("Bearer t0ken-value");
    const [down] = await storedEvents(store, "reflex.probe/body");
    expect(down).toMatchObject({ type: "reflex.probe.down", data: { previous: "unknown", reason: "HTTP 200, but the body does not match /^status: (ok|fine)$/" } });
    expect(JSON.stringify(await stateOf("body"))).not.toContain("t0ken-value");
    web.body = "status: ok";
  });

  it("does not move a probe whose secret is not set, and says why", async () => {
    const clock = new ManualClock();
    const config = await configFrom(
      ["kind: Probe", "name: nosecret", "type: http", `url: ${web.url}`, 'headers: {X-Key: "{{ secrets.MISSING }}"}', "interval: 5s", "failures: 1"].join("\n"),
    );
    const { runner } = prober(config, clock);
    const before = web.authorizations.length;
    await runner.tick();
    expect(web.authorizations.length).toBe(before);
    expect(await stateOf("nosecret")).toMatchObject({ status: "unknown", failures: 0, last_result: "unavailable" });
    expect((await stateOf("nosecret"))?.last_reason).toMatch(/secret MISSING is not set/);
  });

  it("checks each due probe once when two nodes run probers on the same database", async () => {
    const clock = new ManualClock();
    const config = await configFrom(["kind: Probe", "name: shared", "type: http", `url: ${web.url}?shared`, "interval: 1s"].join("\n"));
    const other = await secondStore(database);
    try {
      const a = prober(config, clock);
      const b = prober(config, clock, { on: other });
      const before = web.authorizations.length;
      for (let i = 0; i < 10; i++) {
        await Promise.all([a.runner.tick(), b.runner.tick(), a.runner.tick(), b.runner.tick()]);
        clock.advance(1000);
      }
      expect(web.authorizations.length - before).toBe(10);
    } finally {
      for (const runner of runners.splice(0)) await runner.stop();
      await other.close();
    }
  });

  it("emits a change whose event was decided but never stored (its node died) at the next claim", async () => {
    const clock = new ManualClock();
    const config = await configFrom(["kind: Probe", "name: orphan", "type: http", `url: ${web.url}`, "interval: 5s", "successes: 2"].join("\n"));
    const now = clock.now();
    const event = { specversion: "1.0", id: newId(now), source: "reflex.probe/orphan", type: "reflex.probe.down", time: new Date(now).toISOString(), data: { probe: "orphan" } };
    // What a node leaves when it dies between recording a change and storing its event.
    await store.db
      .insertInto("probe_states")
      .values({ name: "orphan", status: "down", failures: 3, successes: 0, next_due_ms: now, lease_token: "dead-node", lease_until_ms: now - 1, pending_event: JSON.stringify({ bus: "default", event }), updated_ms: now })
      .execute();
    const { runner, idle } = prober(config, clock);
    await runner.tick();
    await idle();
    expect((await storedEvents(store, "reflex.probe/orphan")).map((e) => e.id)).toEqual([event.id]);
    expect(await stateOf("orphan")).toMatchObject({ pending_event: null, lease_token: null, status: "down", successes: 1 });
  });

  it("exposes reflex_probe_up from the stored status and the check latency", async () => {
    const clock = new ManualClock();
    web.status = 503;
    const config = await configFrom(["kind: Probe", "name: metered", "type: http", `url: ${web.url}`, "interval: 5s", "failures: 1"].join("\n"));
    const registry = new Registry();
    const { runner } = prober(config, clock, { registry });
    await runner.tick();
    web.status = 200;
    const text = await registry.metrics();
    expect(text).toContain('reflex_probe_up{probe="metered"} 0');
    expect(text).toMatch(/reflex_probe_check_duration_seconds_count\{probe="metered",outcome="failure"\} 1/);
  });
});

describe("tcp probes", () => {
  it("is up while the port listens and goes down when it closes", async () => {
    const clock = new ManualClock();
    const server: Server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const config = await configFrom(["kind: Probe", "name: port", "type: tcp", "host: 127.0.0.1", `port: ${port}`, "interval: 2s", "timeout: 1s", "failures: 2"].join("\n"));
    const { runner, idle } = prober(config, clock);
    await runner.tick();
    expect(await stateOf("port")).toMatchObject({ status: "up", last_result: "success", last_reason: `connected to 127.0.0.1:${port}` });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (let i = 0; i < 3; i++) {
      clock.advance(2000);
      await runner.tick();
    }
    await idle();
    const events = await storedEvents(store, "reflex.probe/port");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "reflex.probe.down", subject: `127.0.0.1:${port}`, data: { check: "tcp", target: `127.0.0.1:${port}`, consecutiveFailures: 2 } });
    expect((events[0]?.data as { reason: string }).reason).toMatch(new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });
});
