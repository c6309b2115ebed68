// Must show: `throttle {key: "{{ event.subject }}", rate: 1, per: 10m}` lets one delivery per
// instance through per 10 minutes, also across a restart (stop Reflex, start it again on the
// same database): the throttle's state is in the store.
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReflex } from "../../src/app.js";
import type { RunningReflex } from "../../src/app.js";
import { makeToken, waitFor } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";
import { allocateTestDatabase } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";
import { Receiver } from "../rules/support.js";

const receiver = new Receiver();
let database: TestDatabase;
let dir: string;
const token = makeToken();

beforeAll(async () => {
  await receiver.start();
  database = allocateTestDatabase();
  dir = writeConfigDir({
    "rule.yaml": `kind: Rule
name: once-per-instance
pattern: {source: cvm.cloud.tencent}
throttle: {key: "{{ event.subject }}", rate: 1, per: 10m}
targets: [{type: http, url: "${receiver.url}/page"}]
`,
  });
});
afterAll(async () => {
  await receiver.stop();
  await database.drop();
});

const start = () =>
  startReflex({ port: 0, dataDir: database.dataDir, databaseUrl: database.databaseUrl, dbSchema: database.schema, adminToken: token, configDir: dir, logger: pino({ level: "silent" }), env: {} });

async function send(reflex: RunningReflex, id: string, subject: string): Promise<string> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const res = await fetch(`${reflex.url ?? ""}/api/v1/events`, { method: "POST", headers, body: JSON.stringify({ id, source: "cvm.cloud.tencent", type: "alarm", subject }) });
  expect(res.status).toBe(202);
  return waitFor(async () => {
    const body = (await (await fetch(`${reflex.url ?? ""}/api/v1/events/${id}`, { headers })).json()) as { lineage: { matches: { status: string }[] } };
    return body.lineage.matches[0]?.status;
  }, `the match of ${id} to be decided`);
}

describe("throttle across a restart", () => {
  it("lets one delivery per instance through per 10 minutes", async () => {
    const first = await start();
    expect(await send(first, "r1", "ins-a")).toBe("delivered");
    expect(await send(first, "r2", "ins-a")).toBe("throttled");
    expect(await send(first, "r3", "ins-b")).toBe("delivered");
    await first.close();

    const second = await start();
    try {
      expect(await send(second, "r4", "ins-a")).toBe("throttled");
      expect(await send(second, "r5", "ins-b")).toBe("throttled");
      expect(await send(second, "r6", "ins-c")).toBe("delivered");
      await waitFor(async () => (receiver.requests.length >= 3 ? true : undefined), "three deliveries");
      expect(receiver.requests.map((r) => (JSON.parse(r.body) as { id: string }).id).sort()).toEqual(["r1", "r3", "r6"]);
    } finally {
      await second.close();
    }
  });
});
