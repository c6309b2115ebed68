// Per-bus validation of event data against EventType schemas: enforce rejects with the
// failing pointer and keyword, warn stores and flags, off stores without looking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";

let t: TestReflex;
beforeAll(async () => {
  const dir = writeConfigDir({
    "config.yaml": `
kind: Bus
name: strict
validation: enforce
---
kind: Bus
name: loose
validation: warn
---
kind: Bus
name: open
validation: "off"
---
kind: EventType
name: ping-unreachable
source: cvm.cloud.tencent
type: "cvm:ErrorEvent:PingUnreachable"
schema:
  type: object
  required: [instanceId]
  properties:
    instanceId: {type: string, pattern: "^ins-"}
`,
  });
  t = await startTestReflex({ configDir: dir });
});
afterAll(async () => t.stop());

const bad = { source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", data: { instanceId: 42 } };
const send = (bus: string, body: unknown) =>
  t.api(`/api/v1/buses/${bus}/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("event types", () => {
  it("enforce: rejects data that does not fit, naming the pointer and keyword", async () => {
    const res = await send("strict", [bad, { ...bad, data: { instanceId: "ins-1" } }]);
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { results: { status: string; error?: string }[] };
    expect(answer.results[0]?.status).toBe("rejected");
    expect(answer.results[0]?.error).toContain("/data/instanceId");
    expect(answer.results[0]?.error).toContain("type");
    expect(answer.results[1]?.status).toBe("accepted");
  });

  it("warn: stores the event and flags it", async () => {
    const res = await send("loose", { ...bad, id: "warned-1" });
    const answer = (await res.json()) as { results: { status: string; warning?: string }[] };
    expect(answer.results[0]?.status).toBe("accepted");
    expect(answer.results[0]?.warning).toContain("/data/instanceId");
    const stored = (await (await t.api("/api/v1/events/warned-1?bus=loose")).json()) as { schemaError: string | null };
    expect(stored.schemaError).toContain("/data/instanceId");
  });

  it("off: stores the event without checking", async () => {
    const res = await send("open", { ...bad, id: "unchecked-1" });
    const answer = (await res.json()) as { results: { status: string; warning?: string }[] };
    expect(answer.results[0]).toEqual({ id: "unchecked-1", status: "accepted" });
  });

  it("serves the config through the API with where it came from", async () => {
    const types = (await (await t.api("/api/v1/event-types")).json()) as { items: { name: string; origin: { file: string; line: number } }[] };
    expect(types.items[0]?.name).toBe("ping-unreachable");
    expect(types.items[0]?.origin.file).toContain("config.yaml");
    const buses = (await (await t.api("/api/v1/buses")).json()) as { items: { name: string }[] };
    expect(buses.items.map((b) => b.name).sort()).toEqual(["default", "loose", "open", "strict"]);
  });
});
