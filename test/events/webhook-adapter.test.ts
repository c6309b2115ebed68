// The generic webhook adapter: a mapping of JSONata templates over `{ body }` builds the
// envelope; source and type are required after rendering; syntax errors surface when the
// adapter is made.
import { describe, expect, it } from "vitest";
import { adapters, createWebhookAdapter } from "../../src/events/adapters/index.js";
import { TemplateError } from "../../src/expr/index.js";
import { loadFixture } from "./load-fixture.js";

const now = Date.UTC(2026, 0, 1, 12);
const grafana = loadFixture("webhook-grafana.json");

const mapping = {
  source: "grafana",
  type: "{{ 'grafana.alert.' & body.status }}",
  subject: "{{ body.alerts[0].labels.host }}",
  id: "{{ body.alerts[0].fingerprint & '-' & body.status }}",
  time: "{{ body.alerts[0].startsAt }}",
  team: "{{ body.alerts[0].labels.team }}",
  data: { title: "{{ body.title }}", value: "{{ body.alerts[0].values.B }}", link: "{{ body.externalURL }}" },
};

describe("webhook adapter", () => {
  it("renders the mapping over the body into an envelope", async () => {
    const items = await createWebhookAdapter(mapping)(grafana, { now });
    expect(items).toEqual([
      {
        ok: true,
        event: {
          specversion: "1.0",
          id: "c6eadffa33fcdf37-firing",
          source: "grafana",
          type: "grafana.alert.firing",
          subject: "web-7",
          time: "2026-01-01T09:51:03.157076+02:00",
          team: "blue",
          data: { title: "[FIRING:1] High memory usage (blue us-1)", value: 92.4, link: "https://grafana.example.com/" },
        },
      },
    ]);
  });

  it("keeps the whole body as data when the mapping has no data, and leaves out what selects nothing", async () => {
    const items = await createWebhookAdapter({ source: "ci", type: "{{ body.kind }}", subject: "{{ body.missing }}" })({ kind: "build.failed", n: 3 }, { now });
    expect(items[0]).toEqual({ ok: true, event: { specversion: "1.0", id: expect.any(String) as string, source: "ci", type: "build.failed", time: "2026-01-01T12:00:00.000Z", data: { kind: "build.failed", n: 3 } } });
  });

  it("makes one event per element of an array body and refuses elements the mapping cannot place", async () => {
    const adapter = createWebhookAdapter({ source: "ci", type: "{{ body.kind }}" });
    const items = await adapter([{ kind: "a" }, { other: 1 }, { kind: 5 }, { kind: "{{ $x }}" }], { now });
    expect(items.map((i) => (i.ok ? i.event.type : i.pointer))).toEqual(["a", "/1", "/2", "{{ $x }}"]);
    expect(items[1]?.ok === false && items[1].error).toMatch(/mapping.*type is required/);
  });

  it("reports a template that fails while rendering as a refused item", async () => {
    const adapter = createWebhookAdapter({ source: "ci", type: "{{ $string($number(body.kind) * 2) }}" });
    const items = await adapter([{ kind: "7" }, { kind: "abc" }], { now });
    expect(items[0]).toMatchObject({ ok: true, event: { type: "14" } });
    expect(items[1]).toMatchObject({ ok: false, pointer: "/1" });
    expect(items[1]?.ok === false && items[1].error).toContain("template at /mapping/type");
  });

  it("throws a TemplateError with the mapping pointer when a template does not parse", () => {
    expect(() => createWebhookAdapter({ source: "ci", type: "{{ body.kind ( }}" })).toThrow(TemplateError);
    let caught: unknown;
    try {
      createWebhookAdapter({ source: "ci", type: "ok", data: { x: ["{{ ] }}"] } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).pointer).toBe("/mapping/data/x/0");
  });

  it("has a mapping-less default that wraps the body", async () => {
    const [item] = await adapters.webhook({ hello: "world" }, { now });
    expect(item).toMatchObject({ ok: true, event: { source: "webhook", type: "webhook", data: { hello: "world" } } });
  });
});
