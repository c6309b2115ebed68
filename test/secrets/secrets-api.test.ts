// The secrets API over real HTTP on loopback, behind the real auth guard and problem handler:
// who may list, set and delete, and that no answer and no log line of the whole session —
// request logging on, at trace level, bad requests included — ever carries a value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { newKey, startSecretsServer, storeWithKey } from "./support.js";
import type { SecretsServer } from "./support.js";

const VALUE = "tOpS3cr3t-api-Value-4f1c9e";

let store: Store;
let cleanup: () => Promise<void>;
let server: SecretsServer;
/** Every answer of the session: status line, headers and body. */
const answers: string[] = [];

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  server = await startSecretsServer(store, storeWithKey(store, newKey()));
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

async function call(method: string, path: string, options: { token?: string; body?: string; contentType?: string } = {}): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? server.tokens.admin}` };
  if (options.body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const response = await fetch(`${server.url}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`);
  return { status: response.status, json: text === "" ? null : (JSON.parse(text) as unknown) };
}

const put = (name: string, value: unknown, token?: string) => call("PUT", `/api/v1/secrets/${encodeURIComponent(name)}`, { token, body: JSON.stringify({ value }) });

describe("secrets API", () => {
  it("sets (201, then 200) and answers with the name and times only", async () => {
    const created = await put("api.token", VALUE);
    expect(created.status).toBe(201);
    expect(Object.keys(created.json as object).sort()).toEqual(["createdAt", "name", "updatedAt"]);
    expect(created.json).toMatchObject({ name: "api.token" });
    const replaced = await put("api.token", `${VALUE}-2`);
    expect(replaced.status).toBe(200);
    expect(await server.secrets.resolve(["api.token"])).toEqual({ "api.token": `${VALUE}-2` });
    await put("api.token", VALUE);
    expect(await server.secrets.resolve(["api.token"])).toEqual({ "api.token": VALUE });
  });

  it("lets operators list names and times, and only admins set and delete", async () => {
    const listed = await call("GET", "/api/v1/secrets", { token: server.tokens.operator });
    expect(listed.status).toBe(200);
    expect((listed.json as { items: { name: string }[] }).items.map((s) => s.name)).toEqual(["api.token"]);
    expect((await call("GET", "/api/v1/secrets", { token: server.tokens.viewer })).status).toBe(403);
    const refused = await put("api.token", VALUE, server.tokens.operator);
    expect(refused.status).toBe(403);
    expect((refused.json as { detail: string }).detail).toMatch(/has role operator; this route needs admin/);
    expect((await call("DELETE", "/api/v1/secrets/api.token", { token: server.tokens.operator })).status).toBe(403);
    expect((await call("GET", "/api/v1/secrets", { token: "rfx_unknownunknownunknown" })).status).toBe(401);
  });

  it("refuses bad names and bad bodies with problems that do not echo the value", async () => {
    const badName = await put("9lives", VALUE);
    expect(badName.status).toBe(400);
    expect((badName.json as { code: string; detail: string }).code).toBe("invalid_secret_name");
    expect((await put("empty", "")).status).toBe(400);
    expect((await put("nested", { inner: VALUE })).status).toBe(400);
    const tooBig = await put("big", "x".repeat(64 * 1024 + 1));
    expect(tooBig.status).toBe(400);
    expect((tooBig.json as { detail: string }).detail).toMatch(/at most 65536 bytes/);
    expect((await call("PUT", "/api/v1/secrets/extra", { body: JSON.stringify({ value: VALUE, note: VALUE }) })).status).toBe(400);
    const broken = await call("PUT", "/api/v1/secrets/broken", { body: `{"value": "${VALUE}"` });
    expect(broken.status).toBe(400);
    expect((broken.json as { code: string }).code).toBe("invalid_json");
    expect((await call("PUT", "/api/v1/secrets/plain", { body: VALUE, contentType: "text/plain" })).status).toBe(400);
    expect((await call("PUT", "/api/v1/secrets/huge", { body: JSON.stringify({ value: "y".repeat(600 * 1024) }) })).status).toBe(413);
    expect((await server.secrets.list()).map((s) => s.name)).toEqual(["api.token"]);
  });

  it("deletes (204, then 404 with a hint)", async () => {
    await put("api.gone", VALUE);
    expect((await call("DELETE", "/api/v1/secrets/api.gone")).status).toBe(204);
    const again = await call("DELETE", "/api/v1/secrets/api.gone");
    expect(again.status).toBe(404);
    expect((again.json as { detail: string }).detail).toBe("secret 'api.gone' was not found; `reflex secrets list` shows the secrets that are set");
  });

  it("never let the value out: no answer and no log line of the session contains it", () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(server.logs.length).toBeGreaterThan(20);
    expect(server.logs.some((line) => line.includes("incoming request"))).toBe(true);
    for (const text of [...answers, ...server.logs]) {
      expect(text).not.toContain(VALUE);
      expect(text).not.toContain(Buffer.from(VALUE).toString("base64"));
    }
  });
});
