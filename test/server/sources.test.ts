// Declared sources: each has its own endpoint, bus and credentials (a token or an HMAC
// signature of the body); a generic webhook maps any JSON into the envelope with templates.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";

let t: TestReflex;
const sourceToken = "grafana-token-0123456789";
const hmacKey = "s3cret-hmac-key";

beforeAll(async () => {
  const dir = writeConfigDir({
    "buses.yaml": "kind: Bus\nname: ops\nvalidation: warn\n",
    "sources.yaml": [
      "kind: Source",
      "name: grafana",
      "type: webhook",
      "bus: ops",
      "auth: {token: {env: GRAFANA_TOKEN}}",
      "mapping:",
      "  source: grafana",
      '  type: "{{ \'grafana.\' & body.status }}"',
      '  subject: "{{ body.labels.instance }}"',
      '  data: "{{ body }}"',
      "---",
      "kind: Source",
      "name: signed",
      "type: cloudevents",
      `auth: {hmacSecret: ${hmacKey}}`,
      "",
    ].join("\n"),
  });
  t = await startTestReflex({ configDir: dir, env: { GRAFANA_TOKEN: sourceToken } });
});
afterAll(async () => t.stop());

describe("declared sources", () => {
  it("accepts a webhook with the source's own token and maps it into the envelope", async () => {
    const body = JSON.stringify({ status: "alerting", labels: { instance: "web-1:9100" }, value: 97.5 });
    const res = await t.api("/api/v1/sources/grafana/events", { method: "POST", token: sourceToken, headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(202);
    const page = (await (await t.api("/api/v1/events?bus=ops&source=grafana")).json()) as { items: { event: Record<string, unknown> }[] };
    expect(page.items[0]?.event).toMatchObject({ source: "grafana", type: "grafana.alerting", subject: "web-1:9100", data: { value: 97.5 } });
  });

  it("refuses the webhook without its token, and with another source's credentials", async () => {
    const body = JSON.stringify({ status: "ok", labels: { instance: "x" } });
    expect((await t.api("/api/v1/sources/grafana/events", { method: "POST", token: null, headers: { "content-type": "application/json" }, body })).status).toBe(401);
    expect((await t.api("/api/v1/sources/grafana/events", { method: "POST", token: "rfx_wrongwrongwrongwrongwrong", headers: { "content-type": "application/json" }, body })).status).toBe(401);
  });

  it("accepts a body signed with the source's HMAC key and refuses a bad signature", async () => {
    const body = JSON.stringify({ id: "signed-1", source: "signed.test", type: "t" });
    const good = `sha256=${createHmac("sha256", hmacKey).update(body).digest("hex")}`;
    const headers = { "content-type": "application/cloudevents+json" };
    expect((await t.api("/api/v1/sources/signed/events", { method: "POST", token: null, headers: { ...headers, "x-reflex-signature": good }, body })).status).toBe(202);
    const tampered = body.replace("signed-1", "signed-2");
    expect((await t.api("/api/v1/sources/signed/events", { method: "POST", token: null, headers: { ...headers, "x-reflex-signature": good }, body: tampered })).status).toBe(401);
  });

  it("lists sources with secrets redacted", async () => {
    const text = await (await t.api("/api/v1/sources")).text();
    expect(text).toContain("grafana");
    expect(text).not.toContain(hmacKey);
    expect(text).not.toContain(sourceToken);
  });

  it("answers an unknown source with 404", async () => {
    expect((await t.api("/api/v1/sources/nope/events", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(404);
  });
});
