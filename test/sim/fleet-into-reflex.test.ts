// End to end: a fleet's events forwarded into a real Reflex (real HTTP, the test database),
// stored there as CloudEvents with the source, type and subject the examples' rules match.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardEvents } from "../../src/sim/event-forwarder.js";
import type { EventForwarder } from "../../src/sim/event-forwarder.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { fastFleet, runningInstance } from "./fleet-support.js";

let reflex: TestReflex;
beforeAll(async () => {
  reflex = await startTestReflex();
});
afterAll(async () => {
  await reflex.stop();
});

interface StoredEvent {
  subject: string;
  type: string;
  region?: string;
  status?: string;
}

async function search(query: string): Promise<StoredEvent[]> {
  const res = await reflex.api(`/api/v1/events?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { event: StoredEvent }[] }).items.map((i) => i.event);
}

describe("fleet events into Reflex", () => {
  it("arrive through the forwarder and are searchable by source", { timeout: 60_000 }, async () => {
    const fleet = fastFleet();
    const forwarder: EventForwarder = forwardEvents(fleet, { url: reflex.url, token: reflex.adminToken });
    try {
      const spot = runningInstance(fleet, "aliyun");
      const cvm = runningInstance(fleet, "tencent");
      fleet.injectFault(cvm.id, "ping_unreachable");
      const tencent = await waitFor(async () => {
        const items = await search("source=cvm.cloud.tencent");
        return items.length > 0 ? items : undefined;
      }, "the Tencent event in Reflex", 30_000); // a fresh Reflex's first ingest takes seconds (see the H1 report)
      expect(tencent).toEqual([expect.objectContaining({ subject: cvm.id, type: "cvm:ErrorEvent:PingUnreachable", region: "ap-guangzhou", status: "1" })]);
      const aliyun = await waitFor(async () => {
        const items = await search("source=acs.ecs");
        return items.length === 2 ? items : undefined;
      }, "both Alibaba events in Reflex", 30_000);
      expect(aliyun.map((e) => [e.subject, e.type, e.region])).toEqual([
        [spot.id, "Instance:StateChange", "cn-hangzhou"],
        [spot.id, "Instance:StateChange", "cn-hangzhou"],
      ]);
    } finally {
      await forwarder.close();
    }
  });
});
