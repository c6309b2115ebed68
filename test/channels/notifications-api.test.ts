// The channels over HTTP on a running Reflex: a rule's notify target sends through a declared
// channel, and `GET /api/v1/notifications` (per channel, newest first, paged) shows the send
// with the vendor's answer; `GET /api/v1/channels` shows the channels without their secrets.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { VendorReceiver } from "./vendor-receivers.js";

const hook = new VendorReceiver(() => ({ status: 202, body: "accepted" }));
let reflex: TestReflex;
let dir: string;

beforeAll(async () => {
  await hook.start();
  dir = writeConfigDir({
    "channels.yaml": [
      "kind: Channel",
      "name: ops-hook",
      "type: webhook",
      `url: "${hook.url}/ops?token=inline-token-123"`,
      "hmacSecret: inline-hmac-456",
      "---",
      "kind: Channel",
      "name: quiet",
      "type: slack",
      'url: "https://hooks.slack.com/services/{{ secrets.SLACK_PATH }}"',
      "---",
      "kind: Rule",
      "name: notify-ops",
      "pattern: {source: [api.test]}",
      "targets: [{type: notify, channel: ops-hook}]",
    ].join("\n"),
  });
  reflex = await startTestReflex({ configDir: dir });
});
afterAll(async () => {
  await reflex.stop();
  await hook.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("notifications API", () => {
  it("lists what a channel sent, with the vendor's answer", async () => {
    for (const id of ["n-1", "n-2"]) {
      const res = await reflex.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id, source: "api.test", type: "disk.full", subject: id }) });
      expect(res.status).toBeLessThan(300);
    }
    const page = await waitFor(async () => {
      const res = await reflex.api("/api/v1/notifications?channel=ops-hook");
      const body = (await res.json()) as { items: Record<string, unknown>[] };
      return body.items.length === 2 ? body : undefined;
    }, "two notifications");
    expect(page.items[0]).toMatchObject({ channel: "ops-hook", type: "webhook", status: "sent", responseStatus: 202, response: "accepted", error: null, request: { endpoint: hook.url, kind: "event", signed: true } });
    expect(String(page.items[0]?.origin)).toMatch(/^delivery /);
    const titles = page.items.map((i) => (i.request as { title: string }).title);
    expect(titles.sort()).toEqual(["disk.full on n-1", "disk.full on n-2"]);

    const first = (await (await reflex.api("/api/v1/notifications?limit=1")).json()) as { items: { id: string }[]; nextCursor: string };
    expect(first.items).toHaveLength(1);
    const second = (await (await reflex.api(`/api/v1/notifications?limit=1&cursor=${first.nextCursor}`)).json()) as { items: { id: string }[] };
    expect((second.items[0]?.id ?? "") < (first.items[0]?.id ?? "")).toBe(true);
    expect((await (await reflex.api("/api/v1/notifications?channel=quiet")).json()) as unknown).toEqual({ items: [], nextCursor: null });
    expect(JSON.stringify(page)).not.toMatch(/inline-token-123|inline-hmac-456/);
  });

  it("shows the channels without their secrets", async () => {
    const res = await reflex.api("/api/v1/channels");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.map((c) => [c.name, c.url])).toEqual([
      ["ops-hook", `${hook.url}/… (inline URL; path and query hidden)`],
      ["quiet", "https://hooks.slack.com/services/{{ secrets.SLACK_PATH }}"],
    ]);
    expect(items[0]).toMatchObject({ kind: "Channel", hmacSecret: "(inline secret)", origin: { line: 1 } });
    expect(JSON.stringify(items)).not.toMatch(/inline-token-123|inline-hmac-456/);
    expect((await reflex.api("/api/v1/channels/quiet")).status).toBe(200);
    expect((await reflex.api("/api/v1/channels/nope")).status).toBe(404);
  });
});
