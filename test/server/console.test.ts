// The web console's serving: index and SPA fallback (no-cache), hashed assets (right content
// type, cached for a year, gzip when asked), no way out of the console's folder, the API never
// swallowed by the fallback, and a helpful page when the console was not built. Also
// GET /api/v1/me, which the console's sign-in uses.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleDir } from "../../src/server/routes/console-files.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

const INDEX = `<!doctype html><html><head><title>Reflex</title></head><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>`;
const SCRIPT = `console.log("reflex console");\n${"export const filler = 1;\n".repeat(200)}`;
const SECRET = "top-secret-outside-the-console";

let root: string;
let built: TestReflex;
let unbuilt: TestReflex;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "reflex-console-"));
  const ui = join(root, "ui");
  mkdirSync(join(ui, "assets"), { recursive: true });
  writeFileSync(join(ui, "index.html"), INDEX);
  writeFileSync(join(ui, "favicon.svg"), `<svg xmlns="http://www.w3.org/2000/svg"/>`);
  writeFileSync(join(ui, "assets", "index-abc123.js"), SCRIPT);
  writeFileSync(join(ui, "assets", "index-abc123.css"), "body{margin:0}");
  writeFileSync(join(root, "secret.txt"), SECRET);
  symlinkSync(join(root, "secret.txt"), join(ui, "assets", "link-out.js"));
  [built, unbuilt] = await Promise.all([
    startTestReflex({ env: { REFLEX_CONSOLE_DIR: ui } }),
    startTestReflex({ env: { REFLEX_CONSOLE_DIR: join(root, "not-built") } }),
  ]);
});

afterAll(async () => {
  await Promise.all([built?.stop(), unbuilt?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

/** A raw HTTP GET: the path is sent exactly as given (fetch would normalise `..`). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("console serving", () => {
  it("answers / with the console's index.html, not cached, without a token", async () => {
    const res = await built.api("/", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toBe(INDEX);
  });

  it("answers every console path with index.html, so shared links and reloads work", async () => {
    for (const path of ["/events", "/executions/01JABCDEF?status=failed", "/rules/cvm.restart", "/drills/runs/42", "/sign-in?next=%2Fapprovals", "/no/such/page"]) {
      const res = await built.api(path, { token: null });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-cache");
      expect(await res.text(), path).toBe(INDEX);
    }
  });

  it("serves hashed assets with their content type, cached for a year", async () => {
    const js = await built.api("/assets/index-abc123.js", { token: null });
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await js.text()).toBe(SCRIPT);
    const css = await built.api("/assets/index-abc123.css", { token: null });
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toBe("body{margin:0}");
    const icon = await built.api("/favicon.svg", { token: null });
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
    await icon.arrayBuffer();
  });

  it("gzips text assets for clients that accept it", async () => {
    const plain = await rawGet(built.url, "/assets/index-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const zipped = await rawGet(built.url, "/assets/index-abc123.js", { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("accept-encoding");
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).toString()).toBe(SCRIPT);
  });

  it("answers 404 for a missing asset instead of the index (a stale page must not run HTML as JS)", async () => {
    const res = await built.api("/assets/index-gone.js", { token: null });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("never serves a file outside the console's folder", async () => {
    const attempts = [
      "/assets/../../secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/%2e%2e%5c%2e%2e%5csecret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/assets/link-out.js",
      "/assets/index-abc123.js%00.txt",
    ];
    for (const path of attempts) {
      const res = await rawGet(built.url, path);
      expect(res.body.toString(), path).not.toContain(SECRET);
      if (path.startsWith("/assets/")) expect(res.status, path).toBe(404);
    }
  });

  it("leaves the API and the operational routes alone", async () => {
    const unknown = await built.api("/api/v1/no-such-thing", { token: null });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect(((await unknown.json()) as { code: string }).code).toBe("no_route");
    const guarded = await built.api("/api/v1/events", { token: null });
    expect(guarded.status).toBe(401);
    await guarded.arrayBuffer();
    for (const path of ["/api", "/api/", "/healthz/extra", "/metrics/x", "/readyz/"]) {
      const res = await built.api(path, { token: null });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/problem+json");
      await res.arrayBuffer();
    }
    const health = await built.api("/healthz", { token: null });
    expect(await health.json()).toEqual({ status: "ok" });
    const post = await built.api("/events", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(post.status).toBe(404);
    await post.arrayBuffer();
  });

  it("explains how to build the console when it is not built", async () => {
    for (const path of ["/", "/executions/01JABCDEF"]) {
      const res = await unbuilt.api(path, { token: null });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const body = await res.text();
      expect(body).toContain("not built");
      expect(body).toContain("npm run build");
    }
    const api = await unbuilt.api("/api/v1/me");
    expect(api.status).toBe(200);
    await api.arrayBuffer();
  });

  it("looks for the console in dist/ui at the top of the package, from src/ as from dist/", () => {
    const top = fileURLToPath(new URL("../../", import.meta.url));
    expect(consoleDir({})).toBe(join(top, "dist", "ui") + "/");
    expect(consoleDir({ REFLEX_CONSOLE_DIR: "/srv/console" })).toBe("/srv/console");
  });
});

describe("GET /api/v1/me", () => {
  it("names the presented token and its role", async () => {
    const me = await built.api("/api/v1/me");
    expect(me.status).toBe(200);
    const admin = (await me.json()) as { name: string; role: string; tokenId: string | null; authMode: string };
    expect(admin.role).toBe("admin");
    expect(admin.authMode).toBe("on");
    expect(typeof admin.tokenId).toBe("string");

    const created = await built.api("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "console-viewer", role: "viewer" }) });
    const { token, info } = (await created.json()) as { token: string; info: { id: string } };
    const viewer = await built.api("/api/v1/me", { token });
    expect(await viewer.json()).toEqual({ name: "console-viewer", role: "viewer", tokenId: info.id, authMode: "on" });
  });

  it("refuses a missing or unknown token with a problem", async () => {
    const missing = await built.api("/api/v1/me", { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    await missing.arrayBuffer();
    const unknown = await built.api("/api/v1/me", { token: "rfx_thisTokenWasNeverCreatedByAnyone123" });
    expect(unknown.status).toBe(401);
    await unknown.arrayBuffer();
  });

  it("answers anonymous read-only when auth is off and no token is sent", async () => {
    const off = await startTestReflex({ authMode: "off" });
    try {
      const res = await off.api("/api/v1/me", { token: null });
      expect(await res.json()).toEqual({ name: "anonymous", role: "viewer", tokenId: null, authMode: "off" });
    } finally {
      await off.stop();
    }
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await built.api("/api/v1/openapi.json", { token: null })).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/v1/me");
    expect(Object.keys(doc.paths).some((p) => p === "/*" || p === "/")).toBe(false);
  });
});
