// API tokens and roles: writes always need a token, reads need a viewer unless auth is off,
// roles are enforced, revoked tokens stop working, and the first start creates one admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { startReflex } from "../../src/app.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { allocateTestDatabase } from "../support/store.js";

let t: TestReflex;
beforeAll(async () => {
  t = await startTestReflex();
});
afterAll(async () => t.stop());

async function createToken(role: string, name = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<{ token: string; info: { id: string } }> {
  const res = await t.api("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name, role }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; info: { id: string } };
}

const event = JSON.stringify({ source: "auth.test", type: "ping" });
const post = (token: string | null) => t.api("/api/v1/events", { method: "POST", token, headers: { "content-type": "application/json" }, body: event });

describe("auth", () => {
  it("refuses writes and reads without a token, with a problem saying what to send", async () => {
    const res = await post(null);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(/token/);
    expect((await t.api("/api/v1/events", { token: null })).status).toBe(401);
  });

  it("lets public routes through", async () => {
    for (const path of ["/healthz", "/readyz", "/metrics", "/api/v1/openapi.json"]) {
      const res = await t.api(path, { token: null });
      expect(res.status).toBe(200);
      await res.arrayBuffer(); // read it all, or the connection stays busy
    }
  });

  it("enforces roles: viewers read, operators send, admins administer", async () => {
    const viewer = await createToken("viewer");
    const operator = await createToken("operator");
    expect((await t.api("/api/v1/events", { token: viewer.token })).status).toBe(200);
    expect((await post(viewer.token)).status).toBe(403);
    expect((await post(operator.token)).status).toBe(202);
    expect((await t.api("/api/v1/tokens", { token: operator.token })).status).toBe(403);
    expect((await t.api("/api/v1/tokens")).status).toBe(200);
  });

  it("stops accepting a revoked token", async () => {
    const operator = await createToken("operator");
    expect((await post(operator.token)).status).toBe(202);
    expect((await t.api(`/api/v1/tokens/${operator.info.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await post(operator.token)).status).toBe(401);
  });

  it("never lists token values, only their prefixes", async () => {
    const created = await createToken("viewer");
    const text = await (await t.api("/api/v1/tokens")).text();
    expect(text).not.toContain(created.token);
    expect(text).toContain(created.token.slice(0, 12));
  });
});

describe("auth off and first start", () => {
  it("with auth off, reads need no token but writes still do", async () => {
    const off = await startTestReflex({ authMode: "off" });
    try {
      expect((await off.api("/api/v1/events", { token: null })).status).toBe(200);
      expect((await off.api("/api/v1/events", { method: "POST", token: null, headers: { "content-type": "application/json" }, body: event })).status).toBe(401);
    } finally {
      await off.stop();
    }
  });

  it("creates one admin token on the first start only", async () => {
    const database = allocateTestDatabase();
    const options = { port: 0, dataDir: database.dataDir, databaseUrl: database.databaseUrl, dbSchema: database.schema, env: {}, logger: pino({ level: "silent" }) };
    try {
      const first = await startReflex(options);
      const token = first.initialAdminToken;
      expect(token).toMatch(/^rfx_/);
      const res = await fetch(`${first.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      await first.close();
      const second = await startReflex(options);
      expect(second.initialAdminToken).toBeNull();
      await second.close();
    } finally {
      await database.drop();
    }
  });
});
