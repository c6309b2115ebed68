// The event forwarder against real loopback HTTP: order, paths and token; retries while the
// receiver refuses (503) or is not listening at all; a 4xx skipped; close() waiting for the
// post in flight but not forever. (End to end into a real Reflex: fleet-into-reflex.test.ts.)
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forwardEvents, ForwardError } from "../../src/sim/event-forwarder.js";
import type { EventForwarder } from "../../src/sim/event-forwarder.js";
import { fastFleet, runningInstance, until, untilState } from "./fleet-support.js";

interface Received {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

interface Receiver {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A loopback receiver; `answer` decides each reply (default 200) and may hold it. */
async function receiver(answer: (req: Received, res: ServerResponse) => void = (_r, res) => res.end("{}"), port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { path: req.url ?? "", authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> };
      received.push(entry);
      answer(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return { url: `http://127.0.0.1:${actual}`, port: actual, received, close };
}

function track(forwarder: EventForwarder): EventForwarder {
  cleanups.push(() => forwarder.close());
  return forwarder;
}

describe("event forwarder", () => {
  it("posts each event in order to its format's ingest path with the bearer token", async () => {
    const target = await receiver();
    const fleet = fastFleet();
    track(forwardEvents(fleet, { url: `${target.url}/`, token: "rfx_secret" }));
    const spot = runningInstance(fleet, "aliyun");
    const cvm = runningInstance(fleet, "tencent");
    fleet.injectFault(cvm.id, "oom");
    fleet.stopInstances([spot.id]);
    await untilState(fleet, spot.id, "STOPPED");
    await until(() => target.received.length === 5, `5 posts (got ${target.received.length})`);
    expect(target.received.map((r) => r.path)).toEqual(["/api/v1/ingest/aliyun", "/api/v1/ingest/aliyun", "/api/v1/ingest/tencent", "/api/v1/ingest/aliyun", "/api/v1/ingest/aliyun"]);
    expect(target.received.map((r) => r.body)).toEqual(fleet.emittedEvents().map((e) => e.body));
    expect(new Set(target.received.map((r) => r.authorization))).toEqual(new Set(["Bearer rfx_secret"]));
  });

  it("retries while the receiver answers 503, keeping the order", async () => {
    let refusals = 3;
    const target = await receiver((_req, res) => {
      if (refusals-- > 0) {
        res.statusCode = 503;
        res.end("starting up");
      } else {
        res.end("{}");
      }
    });
    const errors: ForwardError[] = [];
    const fleet = fastFleet();
    track(forwardEvents(fleet, { url: target.url, onError: (e) => errors.push(e) }));
    runningInstance(fleet, "aliyun");
    await until(() => target.received.length === 5, "three refused attempts then two deliveries");
    const states = target.received.map((r) => (r.body.content as { state: string }).state);
    expect(states).toEqual(["Pending", "Pending", "Pending", "Pending", "Running"]);
    expect(errors.map((e) => [e.status, e.attempt, e.retrying])).toEqual([[503, 1, true], [503, 2, true], [503, 3, true]]);
    expect(errors[0]).toBeInstanceOf(ForwardError);
    expect(errors[0]?.message).toMatch(/answered 503: starting up/);
  });

  it("retries while nothing listens, and delivers once the receiver comes up", async () => {
    const probe = await receiver();
    const port = probe.port;
    await probe.close();
    const errors: ForwardError[] = [];
    const fleet = fastFleet();
    track(forwardEvents(fleet, { url: `http://127.0.0.1:${port}`, onError: (e) => errors.push(e) }));
    runningInstance(fleet, "aliyun");
    await until(() => errors.length >= 2, "two failed attempts");
    expect(errors[0]?.status).toBeUndefined();
    expect(errors[0]?.retrying).toBe(true);
    const target = await receiver(undefined, port);
    await until(() => target.received.length === 2, "both events once the receiver listens", 8_000);
    expect(target.received.map((r) => (r.body.content as { state: string }).state)).toEqual(["Pending", "Running"]);
  });

  it("skips an event Reflex refuses with a 4xx and goes on with the next", async () => {
    const target = await receiver((req, res) => {
      const state = (req.body.content as { state: string }).state;
      res.statusCode = state === "Pending" ? 400 : 200;
      res.end("{}");
    });
    const errors: ForwardError[] = [];
    const fleet = fastFleet();
    track(forwardEvents(fleet, { url: target.url, onError: (e) => errors.push(e) }));
    runningInstance(fleet, "aliyun");
    await until(() => target.received.length === 2, "both events posted once");
    expect(errors.map((e) => [e.status, e.retrying])).toEqual([[400, false]]);
  });

  it("close() waits for the post in flight, then forwards nothing more", async () => {
    let release: (() => void) | undefined;
    const target = await receiver((_req, res) => {
      release = () => res.end("{}");
    });
    const fleet = fastFleet();
    const forwarder = forwardEvents(fleet, { url: target.url });
    runningInstance(fleet, "aliyun", { state: "STOPPED" });
    await until(() => release !== undefined, "the first post to arrive");
    let closed = false;
    const closing = forwarder.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release?.();
    await closing;
    runningInstance(fleet, "aliyun");
    expect(target.received).toHaveLength(1);
  });

  it("close() gives up on a post that never ends after closeTimeoutMs", async () => {
    const target = await receiver(() => {
      // never answers
    });
    const fleet = fastFleet();
    const forwarder = forwardEvents(fleet, { url: target.url, closeTimeoutMs: 50 });
    runningInstance(fleet, "aliyun", { state: "STOPPED" });
    await until(() => target.received.length === 1, "the post to arrive");
    const started = Date.now();
    await forwarder.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("drops the oldest waiting event when the backlog is full, keeping the rest in order", async () => {
    let refuse = true;
    const target = await receiver((_req, res) => {
      res.statusCode = refuse ? 503 : 200;
      res.end("{}");
    });
    const errors: ForwardError[] = [];
    const fleet = fastFleet();
    track(forwardEvents(fleet, { url: target.url, maxBacklog: 3, onError: (e) => errors.push(e) }));
    for (let i = 0; i < 2; i++) runningInstance(fleet, "aliyun", { state: "STOPPED" }); // Pending, Stopped each
    await until(() => errors.length > 0 && errors.some((e) => e.attempt === 0), "the drop to be reported");
    refuse = false;
    const sent = fleet.emittedEvents().map((e) => e.body.id);
    await until(() => new Set(target.received.map((r) => r.body.id)).size === 3, "three distinct events delivered", 8_000);
    expect([...new Set(target.received.map((r) => r.body.id))]).toEqual([sent[0], sent[2], sent[3]]);
  });
});
