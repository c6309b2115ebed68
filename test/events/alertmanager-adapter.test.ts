// Alertmanager webhook (version 4): one event per alert, firing and resolved as distinct
// statuses and ids, and a re-sent group mapping to the same ids so the store dedupes it.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors.js";
import type { CloudEvent } from "../../src/core/event.js";
import type { JsonObject } from "../../src/core/json.js";
import { adapters } from "../../src/events/adapters/index.js";
import type { IngestItem } from "../../src/events/http-modes.js";
import { loadFixture } from "./load-fixture.js";

const adapter = adapters.alertmanager;
const firing = loadFixture("alertmanager-v4-firing.json") as JsonObject;
const resolved = loadFixture("alertmanager-v4-resolved.json") as JsonObject;

async function eventsOf(body: unknown, now = Date.UTC(2026, 0, 1, 9)): Promise<CloudEvent[]> {
  const items: IngestItem[] = await adapter(body, { now });
  return items.map((item) => {
    if (!item.ok) throw new Error(`refused: ${item.pointer} ${item.error}`);
    return item.event;
  });
}

describe("alertmanager adapter", () => {
  it("makes one event per alert with type, subject, status, time and group context", async () => {
    const events = await eventsOf(firing);
    expect(events).toHaveLength(2);
    const [first] = events;
    expect(first).toMatchObject({
      specversion: "1.0",
      source: "alertmanager",
      type: "NodeDown",
      subject: "10.0.3.17:9100",
      status: "firing",
      time: "2026-01-01T08:00:12.345678901Z",
      datacontenttype: "application/json",
      data: {
        labels: { alertname: "NodeDown", instance: "10.0.3.17:9100", severity: "critical" },
        annotations: { summary: "Node exporter down" },
        fingerprint: "1a30ba71cca2921f",
        groupLabels: { alertname: "NodeDown" },
        commonLabels: { job: "node" },
        externalURL: "http://alertmanager.ops.example.com:9093",
        receiver: "reflex",
      },
    });
    expect(events[1]?.subject).toBe("10.0.3.18:9100");
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it("gives a re-sent group the same ids, whenever it arrives", async () => {
    const once = await eventsOf(firing, Date.UTC(2026, 0, 1, 9));
    const again = await eventsOf(structuredClone(firing), Date.UTC(2026, 0, 1, 13));
    expect(again.map((e) => e.id)).toEqual(once.map((e) => e.id));
  });

  it("makes the resolution a distinct event at endsAt, and a new firing distinct again", async () => {
    const [fired] = await eventsOf(firing);
    const [cleared] = await eventsOf(resolved);
    expect(cleared).toMatchObject({ status: "resolved", subject: "10.0.3.17:9100", time: "2026-01-01T08:07:12.5Z" });
    expect(cleared?.id).not.toBe(fired?.id);
    const refired = structuredClone(firing);
    const alerts = refired.alerts as JsonObject[];
    (alerts[0] as JsonObject).startsAt = "2026-01-01T10:00:00Z";
    const [second] = await eventsOf(refired);
    expect(second?.id).not.toBe(fired?.id);
  });

  it("uses the labels as identity when there is no fingerprint", async () => {
    const alert = { status: "firing", labels: { alertname: "Old", instance: "h:1" }, startsAt: "2026-01-01T00:00:00Z" };
    const [a] = await eventsOf({ version: "4", alerts: [alert] });
    const [b] = await eventsOf({ version: "4", alerts: [{ ...alert, labels: { alertname: "Old", instance: "h:2" } }] });
    expect(a?.id).toMatch(/^am-[0-9a-f]{32}$/);
    expect(a?.id).not.toBe(b?.id);
  });

  it("refuses bad alerts alone with a pointer into the body", async () => {
    const body = {
      version: "4",
      alerts: [
        { status: "firing", labels: { alertname: "Ok" }, startsAt: "2026-01-01T00:00:00Z" },
        { status: "firing", labels: { instance: "x" } },
        { status: "pending", labels: { alertname: "A" } },
        { status: "firing", labels: { alertname: "A" }, startsAt: "noon" },
        "junk",
      ],
    };
    const items = await adapter(body, { now: 0 });
    expect(items.map((i) => (i.ok ? "ok" : i.pointer))).toEqual(["ok", "/alerts/1/labels/alertname", "/alerts/2/status", "/alerts/3/startsAt", "/alerts/4"]);
  });

  it("refuses bodies that are not version 4 webhooks", async () => {
    await expect(Promise.resolve().then(() => adapter({ receiver: "x" }, { now: 0 }))).rejects.toBeInstanceOf(ValidationError);
    await expect(Promise.resolve().then(() => adapter({ version: "3", alerts: [] }, { now: 0 }))).rejects.toThrow(/version "4"/);
  });
});
