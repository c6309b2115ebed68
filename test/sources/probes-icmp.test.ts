// ICMP probes run the system `ping` with an argument list. On 127.0.0.1 with the real `ping`
// when this machine can ping (otherwise that test is skipped, its name saying why, and the
// probe must report the same reason as its last result without moving). Stand-in `ping`
// scripts then pin down the arguments, the reading of replies and losses, and the reports of
// a node that may not ping or has no `ping` at all.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ReflexConfig } from "../../src/config/types.js";
import { ManualClock } from "../../src/core/clock.js";
import { ProbeRunner, detectPing, readProbeStates } from "../../src/sources/probes/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { configFrom, ingestFor, silent, storedEvents } from "./probes-schedules-support.js";

const support = await detectPing("ping");

let store: Store;
let cleanup: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), "reflex-ping-"));

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const runners: ProbeRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
});

function prober(config: ReflexConfig, clock: ManualClock, ping?: string): { runner: ProbeRunner; idle(): Promise<void> } {
  const { ingest, idle } = ingestFor(store, clock, () => config);
  const runner = new ProbeRunner({ store, clock, config: () => config, sink: ingest, logger: silent, ...(ping === undefined ? {} : { ping }) });
  runners.push(runner);
  return { runner, idle };
}

/** Writes an executable stand-in for `ping` that logs its arguments to `argv.log`. */
function standIn(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "$*" >> "${join(dir, `${name}.argv`)}"\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function stateOf(name: string) {
  const [row] = await readProbeStates(store.db, [name]);
  return row;
}

describe("icmp probes with the system ping", () => {
  it.skipIf(!support.available)(`ping 127.0.0.1 and come up${support.available ? "" : ` (skipped: ${support.reason})`}`, async () => {
    const clock = new ManualClock();
    const config = await configFrom(["kind: Probe", "name: loopback", "type: icmp", "host: 127.0.0.1", "interval: 5s", "timeout: 2s"].join("\n"));
    const { runner } = prober(config, clock);
    await runner.tick();
    expect(await stateOf("loopback")).toMatchObject({ status: "up", last_result: "success", last_reason: "echo reply from 127.0.0.1" });
  });

  it.runIf(!support.available)("say on the probe why this node cannot ping, and stay where they were", async () => {
    const clock = new ManualClock();
    const config = await configFrom(["kind: Probe", "name: cannot", "type: icmp", "host: 127.0.0.1", "interval: 5s", "failures: 1"].join("\n"));
    const { runner, idle } = prober(config, clock);
    await runner.tick();
    await idle();
    const reason = support.available ? "" : support.reason;
    expect(await stateOf("cannot")).toMatchObject({ status: "unknown", failures: 0, last_result: "unavailable", last_reason: reason });
    expect(await storedEvents(store, "reflex.probe/cannot")).toEqual([]);
  });
});

describe("icmp probes with a stand-in ping", () => {
  it("passes its arguments as a list, reads replies and losses, and goes down on loss", async () => {
    const ping = standIn(
      "fake-ping",
      [
        'case "$*" in',
        '  *127.0.0.1) echo "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.042 ms"; exit 0 ;;',
        '  *) echo "1 packets transmitted, 0 received, 100% packet loss, time 0ms"; exit 1 ;;',
        "esac",
      ].join("\n"),
    );
    const clock = new ManualClock();
    const config = await configFrom(
      ["kind: Probe", "name: near", "type: icmp", "host: 127.0.0.1", "interval: 5s", "timeout: 3s"].join("\n"),
      ["kind: Probe", "name: far", "type: icmp", "host: 192.0.2.1", "interval: 5s", "timeout: 1500ms", "failures: 1", "labels: {site: lab}"].join("\n"),
    );
    const { runner, idle } = prober(config, clock, ping);
    await runner.tick();
    await idle();
    expect(await stateOf("near")).toMatchObject({ status: "up", last_result: "success", last_latency_ms: 0.042 });
    expect(await stateOf("far")).toMatchObject({ status: "down", last_result: "failure", last_reason: "no echo reply from 192.0.2.1 within 2 s" });
    const events = await storedEvents(store, "reflex.probe/far");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "reflex.probe.down", subject: "192.0.2.1", data: { check: "icmp", target: "192.0.2.1", labels: { site: "lab" } } });
    const argv = readFileSync(join(dir, "fake-ping.argv"), "utf8").trim().split("\n").sort();
    // Once to find out whether this node can ping, then once per probe, whole seconds of timeout.
    expect(argv).toEqual(["-c 1 -W 1 -n 127.0.0.1", "-c 1 -W 2 -n 192.0.2.1", "-c 1 -W 3 -n 127.0.0.1"]);
  });

  it("reports a node that may not send ICMP, and one without ping, without moving the probe", async () => {
    const denied = standIn("denied-ping", 'echo "ping: socket: Operation not permitted" >&2; exit 2');
    const clock = new ManualClock();
    const config = await configFrom(["kind: Probe", "name: denied", "type: icmp", "host: 10.0.0.1", "interval: 5s", "failures: 1"].join("\n"));
    const first = prober(config, clock, denied);
    await first.runner.tick();
    const row = await stateOf("denied");
    expect(row).toMatchObject({ status: "unknown", failures: 0, last_result: "unavailable" });
    expect(row?.last_reason).toMatch(/^this process may not send ICMP echo requests \(ping: socket: Operation not permitted\); allow unprivileged ICMP .*CAP_NET_RAW/);
    // Found out once: the probe's own host was never pinged.
    expect(readFileSync(join(dir, "denied-ping.argv"), "utf8").trim()).toBe("-c 1 -W 1 -n 127.0.0.1");
    await first.runner.stop();

    clock.advance(5000);
    const second = prober(config, clock, join(dir, "no-such-ping"));
    await second.runner.tick();
    expect((await stateOf("denied"))?.last_reason).toMatch(/^icmp probes need the '.*no-such-ping' command, which was not found on this node; install it/);
    expect(await storedEvents(store, "reflex.probe/denied")).toEqual([]);
  });
});
