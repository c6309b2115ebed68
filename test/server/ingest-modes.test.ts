// Events sent by the official `cloudevents` npm client in binary, structured and batch modes
// are stored and come back from search with the same attributes and data.
import { CloudEvent, HTTP } from "cloudevents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let t: TestReflex;
beforeAll(async () => {
  t = await startTestReflex();
});
afterAll(async () => t.stop());

function sample(id: string): CloudEvent<Record<string, unknown>> {
  return new CloudEvent({
    id,
    source: "cvm.cloud.tencent",
    type: "cvm:ErrorEvent:PingUnreachable",
    subject: "ins-6c3x1a2b",
    time: "2026-11-21T08:00:00.123Z",
    datacontenttype: "application/json",
    region: "ap-guangzhou",
    status: "1",
    data: { instanceId: "ins-6c3x1a2b", message: "ping unreachable", metrics: [1, 2.5, null] },
  });
}

async function post(message: { headers: Record<string, unknown>; body: unknown }): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers)) headers[k] = String(v);
  return t.api("/api/v1/events", { method: "POST", headers, body: message.body as string });
}

async function storedById(id: string): Promise<Record<string, unknown>> {
  const res = await t.api(`/api/v1/events/${id}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { event: Record<string, unknown> };
  return body.event;
}

function attributes(e: CloudEvent<Record<string, unknown>>): Record<string, unknown> {
  return { id: e.id, source: e.source, type: e.type, subject: e.subject, time: e.time, specversion: e.specversion, region: e.region, status: e.status, data: e.data };
}

describe("ingest with the official cloudevents client", () => {
  it("stores binary mode events with their attributes and data", async () => {
    const event = sample("bin-1");
    const res = await post(HTTP.binary(event));
    expect(res.status).toBe(202);
    expect(await storedById("bin-1")).toMatchObject(attributes(event));
  });

  it("stores structured mode events with their attributes and data", async () => {
    const event = sample("struct-1");
    const res = await post(HTTP.structured(event));
    expect(res.status).toBe(202);
    expect(await storedById("struct-1")).toMatchObject(attributes(event));
  });

  it("stores batch mode events, each with its attributes and data", async () => {
    const events = [sample("batch-1"), sample("batch-2"), sample("batch-3")];
    const res = await t.api("/api/v1/events", {
      method: "POST",
      headers: { "content-type": "application/cloudevents-batch+json" },
      body: JSON.stringify(events.map((e) => e.toJSON())),
    });
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { accepted: number };
    expect(answer.accepted).toBe(3);
    const search = await t.api("/api/v1/events?subject=ins-6c3x1a2b&limit=100");
    const page = (await search.json()) as { items: { event: Record<string, unknown> }[] };
    for (const e of events) {
      expect(page.items.find((i) => i.event.id === e.id)?.event).toMatchObject(attributes(e));
    }
  });
});
