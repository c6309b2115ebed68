// The event-stream writer on a real loopback HTTP server: events reach the client as they are
// written (nothing waits for the response to end), heartbeat comments come every interval,
// and a client that goes away closes the stream on the server side.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseStream } from "../../src/server/sse-stream.js";
import { waitFor } from "../support/reflex.js";
import { SseClient } from "../support/sse.js";

let server: Server;
let url: string;
const streams: SseStream[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    const stream = new SseStream(res, { heartbeatMs: 20 });
    streams.push(stream);
    stream.send("hello", { n: 1 }, "1");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const s of streams) s.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("SseStream", () => {
  it("flushes each event at once, sends heartbeats, and notices a client that left", async () => {
    const client = await SseClient.connect(url, null);
    expect(client.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(client.headers["x-accel-buffering"]).toBe("no");
    expect(await waitFor(async () => client.events[0], "the first event")).toEqual({ event: "hello", id: "1", data: { n: 1 } });

    const stream = streams[streams.length - 1];
    stream?.send("multi", { text: "two\nlines" });
    expect(await waitFor(async () => client.named("multi")[0], "the second event")).toMatchObject({ data: { text: "two\nlines" } });
    await waitFor(async () => (client.comments >= 3 ? true : undefined), "three heartbeats");
    expect(client.ended).toBe(false);

    client.close();
    await waitFor(async () => (stream?.open === false ? true : undefined), "the server side to notice");
  });

  it("ends the response when closed by the server", async () => {
    const client = await SseClient.connect(url, null);
    await waitFor(async () => client.events[0], "the first event");
    streams[streams.length - 1]?.close();
    await waitFor(async () => (client.ended ? true : undefined), "the client to see the end");
    expect(streams[streams.length - 1]?.open).toBe(false);
  });
});
