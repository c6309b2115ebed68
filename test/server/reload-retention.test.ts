// Config reload without dropping events (a file change adds a bus; a broken change keeps the
// running config), and retention per bus enforced in the background.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";

let t: TestReflex;
let dir: string;
beforeAll(async () => {
  dir = writeConfigDir({ "buses.yaml": "kind: Bus\nname: first\n---\nkind: Bus\nname: capped\nretention: {maxCount: 5}\n" });
  t = await startTestReflex({ configDir: dir, retentionEveryMs: 50 });
});
afterAll(async () => t.stop());

const send = (bus: string, body: unknown) => t.api(`/api/v1/buses/${bus}/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const busNames = async () => ((await (await t.api("/api/v1/buses")).json()) as { items: { name: string }[] }).items.map((b) => b.name).sort();

describe("config reload", () => {
  it("picks up a changed file, keeps the old config when the new one is broken, and reloads on demand", async () => {
    expect((await send("second", { source: "s", type: "t" })).status).toBe(404);
    writeFileSync(join(dir, "more.yaml"), "kind: Bus\nname: second\n");
    await waitFor(async () => ((await busNames()).includes("second") ? true : undefined), "the new bus to appear");
    expect((await send("second", { source: "s", type: "t" })).status).toBe(202);

    writeFileSync(join(dir, "more.yaml"), "kind: Bus\nname: second\nvalidation: sometimes\n");
    await t.reflex.reloadConfig();
    expect(await busNames()).toContain("second");

    writeFileSync(join(dir, "more.yaml"), "kind: Bus\nname: third\n");
    await t.reflex.reloadConfig();
    expect(await busNames()).toEqual(["capped", "default", "first", "third"]);
  });
});

describe("retention", () => {
  it("keeps at most maxCount events on a bus", async () => {
    const events = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, source: "retention.test", type: "t" }));
    expect((await send("capped", events)).status).toBe(202);
    const left = await waitFor(async () => {
      const page = (await (await t.api("/api/v1/events?bus=capped&limit=100")).json()) as { items: { event: { id: string } }[] };
      return page.items.length === 5 ? page.items.map((i) => i.event.id) : undefined;
    }, "retention to trim the bus");
    expect(left).toEqual(["r19", "r18", "r17", "r16", "r15"]);
  });
});
