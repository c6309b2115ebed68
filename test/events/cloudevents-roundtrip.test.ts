// Round trip with the official CloudEvents SDK: events serialised by `cloudevents` (binary,
// structured and batch mode) are sent over real HTTP on loopback and read back by
// parseIngestRequest with the same attributes and data; the SDK's own reader agrees.
import { once } from "node:events";
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudEvent as SdkEvent, CONSTANTS, HTTP } from "cloudevents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudEvent } from "../../src/core/event.js";
import { parseIngestRequest } from "../../src/events/http-modes.js";
import type { ParsedIngest } from "../../src/events/http-modes.js";

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let url: string;
const now = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ headers: req.headers, body: Buffer.concat(chunks).toString("base64") }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.close();
  await once(server, "close");
});

/** Sends a message over HTTP and returns what the server saw. */
async function roundTrip(headers: Record<string, unknown>, body: unknown): Promise<Received> {
  const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
  const payload = typeof body === "string" ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body);
  const res = await fetch(url, { method: "POST", headers: flat, body: payload });
  const seen = (await res.json()) as { headers: IncomingHttpHeaders; body: string };
  return { headers: seen.headers, body: Buffer.from(seen.body, "base64") };
}

function parse(received: Received): ParsedIngest {
  return parseIngestRequest({ contentType: received.headers["content-type"], headers: received.headers, body: received.body, maxEventBytes: 1024 * 1024, now });
}

function accepted(parsed: ParsedIngest): CloudEvent[] {
  return parsed.items.map((item) => {
    if (!item.ok) throw new Error(`refused at ${item.pointer}: ${item.error}`);
    return item.event;
  });
}

const alarm = new SdkEvent({
  id: "evt-0001",
  source: "cvm.cloud.tencent",
  type: "cvm:ErrorEvent:PingUnreachable",
  subject: "ins-3k9x2f7q",
  time: "2026-01-01T08:00:00.123Z",
  region: "ap-guangzhou",
  status: "1",
  data: { instanceId: "ins-3k9x2f7q", dimensions: { ip: "10.0.3.17" }, lost: [1, 2, 3], ok: false },
});

function expectSameEvent(ours: CloudEvent | undefined, sdk: SdkEvent<unknown>): void {
  expect(ours).toBeDefined();
  for (const name of ["specversion", "id", "source", "type", "subject", "time", "region", "status"] as const) {
    expect(ours?.[name], name).toEqual(sdk[name]);
  }
  expect(ours?.data).toEqual(sdk.data);
}

describe("round trip with the official cloudevents client", () => {
  it("binary mode", async () => {
    const message = HTTP.binary(alarm);
    const received = await roundTrip(message.headers, message.body);
    const parsed = parse(received);
    expect(parsed.batch).toBe(false);
    const [event] = accepted(parsed);
    expectSameEvent(event, alarm);
    expect(event?.datacontenttype).toBe(message.headers["content-type"]);
    const sdkRead = HTTP.toEvent({ headers: received.headers, body: received.body.toString("utf8") }) as SdkEvent;
    expect(event?.id).toBe(sdkRead.id);
    expect(event?.data).toEqual(sdkRead.data);
  });

  it("binary mode with bytes and with text", async () => {
    const bytes = new SdkEvent({ source: "probe", type: "probe.raw", datacontenttype: "application/octet-stream", data: Buffer.from([0, 1, 2, 250, 255]) });
    const m1 = HTTP.binary(bytes);
    const [raw] = accepted(parse(await roundTrip(m1.headers, m1.body)));
    expect(raw?.id).toBe(bytes.id);
    expect(Buffer.from(raw?.data_base64 ?? "", "base64")).toEqual(Buffer.from([0, 1, 2, 250, 255]));

    const text = new SdkEvent({ source: "probe", type: "probe.log", datacontenttype: "text/plain", data: "disk /dev/vda1 is 97% full" });
    const m2 = HTTP.binary(text);
    const [logged] = accepted(parse(await roundTrip(m2.headers, m2.body)));
    expect(logged?.data).toBe("disk /dev/vda1 is 97% full");
    expect(logged?.time).toBe(text.time);
  });

  it("structured mode", async () => {
    const message = HTTP.structured(alarm);
    const received = await roundTrip(message.headers, message.body);
    const parsed = parse(received);
    expect(parsed.batch).toBe(false);
    const [event] = accepted(parsed);
    expectSameEvent(event, alarm);
    const sdkRead = HTTP.toEvent({ headers: received.headers, body: received.body.toString("utf8") }) as SdkEvent;
    expect(event).toEqual(JSON.parse(JSON.stringify(sdkRead)));
  });

  it("batch mode", async () => {
    const batch = Array.from({ length: 25 }, (_, i) =>
      alarm.cloneWith({ id: `evt-${String(i).padStart(4, "0")}`, subject: `ins-${i}`, data: { instanceId: `ins-${i}`, n: i } }),
    );
    const received = await roundTrip({ "content-type": CONSTANTS.MIME_CE_BATCH }, JSON.stringify(batch));
    const parsed = parse(received);
    expect(parsed.batch).toBe(true);
    const events = accepted(parsed);
    expect(events).toHaveLength(25);
    events.forEach((event, i) => {
      const sent = batch[i];
      expect(sent).toBeDefined();
      if (sent) expectSameEvent(event, sent);
    });
    const sdkRead = HTTP.toEvent({ headers: received.headers, body: received.body.toString("utf8") }) as SdkEvent[];
    expect(events.map((e) => e.id)).toEqual(sdkRead.map((e) => e.id));
  });
});
