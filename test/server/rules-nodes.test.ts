// Two Reflex nodes on one database (SQLite file or PostgreSQL schema): a rule written through
// one node's API comes into force on the other within its poll, and events sent to either are
// delivered; a deletion reaches the other node too.
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReflex } from "../../src/app.js";
import type { RunningReflex } from "../../src/app.js";
import { makeToken, waitFor } from "../support/reflex.js";
import { allocateTestDatabase } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";
import { Receiver } from "../rules/support.js";

const receiver = new Receiver();
let database: TestDatabase;
let nodes: RunningReflex[] = [];
const token = makeToken();
const auth = { authorization: `Bearer ${token}` };

beforeAll(async () => {
  await receiver.start();
  database = allocateTestDatabase();
  const start = () =>
    startReflex({ port: 0, dataDir: database.dataDir, databaseUrl: database.databaseUrl, dbSchema: database.schema, adminToken: token, logger: pino({ level: "silent" }), env: {}, rulesPollMs: 200 });
  nodes = [await start(), await start()];
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  await receiver.stop();
  await database.drop();
});

const on = (node: RunningReflex | undefined, path: string, init: RequestInit = {}) =>
  fetch(`${node?.url ?? ""}${path}`, { ...init, headers: init.body === undefined ? auth : { ...auth, "content-type": "application/json" } });

describe("API rules across nodes", () => {
  it("come into force on the other node, which then delivers", async () => {
    const [a, b] = nodes;
    const rule = { pattern: { source: ["nodes.test"] }, targets: [{ type: "http", url: `${receiver.url}/nodes` }] };
    expect((await on(a, "/api/v1/rules/across", { method: "PUT", body: JSON.stringify(rule) })).status).toBe(201);
    await waitFor(async () => ((await on(b, "/api/v1/rules/across")).status === 200 ? true : undefined), "the rule to reach node b");
    expect(await (await on(b, "/api/v1/rules/across")).json()).toMatchObject({ name: "across", origin: "api" });

    expect((await on(b, "/api/v1/events", { method: "POST", body: JSON.stringify({ id: "n1", source: "nodes.test", type: "t" }) })).status).toBe(202);
    await waitFor(async () => (receiver.requests.some((r) => r.url === "/nodes") ? true : undefined), "node b's event to be delivered");

    expect((await on(b, "/api/v1/rules/across", { method: "DELETE" })).status).toBe(204);
    await waitFor(async () => ((await on(a, "/api/v1/rules/across")).status === 404 ? true : undefined), "the deletion to reach node a");
    expect((await on(a, "/api/v1/events", { method: "POST", body: JSON.stringify({ id: "n2", source: "nodes.test", type: "t" }) })).status).toBe(202);
    // Matching happens at ingest: an event that matched nothing carries no dispatch job.
    const dispatches = await a?.store.db.selectFrom("jobs").select("idempotency_key").where("kind", "=", "rules.dispatch").execute();
    expect(dispatches?.map((j) => j.idempotency_key)).toEqual(["dispatch:default:nodes.test:n1"]);
  });
});
