// The source formats over HTTP: real payload shapes posted to /api/v1/ingest/<adapter> are
// stored as CloudEvents, and re-sent Alertmanager groups are stored once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureBytes } from "../events/load-fixture.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let t: TestReflex;
beforeAll(async () => {
  t = await startTestReflex();
});
afterAll(async () => t.stop());

interface Answer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { id: string; status: string }[];
}

async function post(adapter: string, fixture: string): Promise<Answer> {
  const res = await t.api(`/api/v1/ingest/${adapter}`, { method: "POST", headers: { "content-type": "application/json" }, body: fixtureBytes(fixture) });
  expect(res.status).toBe(202);
  return (await res.json()) as Answer;
}

async function stored(source: string): Promise<Record<string, unknown>[]> {
  const page = (await (await t.api(`/api/v1/events?source=${encodeURIComponent(source)}&limit=100`)).json()) as { items: { event: Record<string, unknown> }[] };
  return page.items.map((i) => i.event);
}

describe("adapter routes", () => {
  it("stores a Tencent CVM alarm with an RFC 3339 time and its extensions", async () => {
    const answer = await post("tencent", "tencent-cvm-ping-unreachable.json");
    expect(answer.accepted).toBe(1);
    const [event] = await stored("cvm.cloud.tencent");
    expect(event).toMatchObject({ type: "cvm:ErrorEvent:PingUnreachable", region: "ap-guangzhou", status: "1", time: "2026-01-01T00:00:00.123Z" });
  });

  it("stores an Alibaba CloudMonitor event under acs.<product>", async () => {
    const answer = await post("aliyun", "aliyun-ecs-state-change.json");
    expect(answer.accepted).toBeGreaterThanOrEqual(1);
    const events = await stored("acs.ecs");
    expect(events[0]?.type).toBe("Instance:StateChange");
    expect(String(events[0]?.subject)).toMatch(/^i-/);
  });

  it("stores one event per alert and a re-sent Alertmanager group once", async () => {
    const first = await post("alertmanager", "alertmanager-v4-firing.json");
    const again = await post("alertmanager", "alertmanager-v4-firing.json");
    expect(first.accepted).toBeGreaterThan(0);
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(first.accepted);
    const resolved = await post("alertmanager", "alertmanager-v4-resolved.json");
    expect(resolved.accepted).toBeGreaterThan(0);
    const events = await stored("alertmanager");
    expect(events).toHaveLength(first.accepted + resolved.accepted);
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(["firing", "resolved"]));
  });

  it("stores an AWS EventBridge envelope with detail-type as type", async () => {
    await post("aws", "aws-ec2-state-change.json");
    const [event] = await stored("aws.ec2");
    expect(event?.type).toBe("EC2 Instance State-change Notification");
    expect(event?.account).toBeTypeOf("string");
  });

  it("names the built-in adapters when asked for an unknown one", async () => {
    const res = await t.api("/api/v1/ingest/nagios", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/tencent, aliyun, alertmanager, aws/);
  });
});
