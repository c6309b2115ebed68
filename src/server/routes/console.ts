// Serves the web console (React, built into `dist/ui` by `npm run build`) at `/`. Hashed files
// under `/assets/` are cached for a year; every other path that is not the API answers the
// console's `index.html` (no-cache), so links such as `/executions/01J…` work when shared or
// reloaded. Static files need no token: the API behind them is what is protected.
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ServerContext } from "../context.js";
import type { ConsoleFile } from "./console-files.js";
import { consoleDir, readConsoleFile, safeSegments } from "./console-files.js";

/** Paths that belong to the API and operations, never to the console. */
const RESERVED = ["/api", "/healthz", "/readyz", "/metrics"];

const IMMUTABLE = "public, max-age=31536000, immutable";
const NO_CACHE = "no-cache";
const COMPRESSIBLE = /^(text\/|application\/json|application\/manifest\+json|image\/svg\+xml)/;
const GZIP_CACHE_LIMIT = 256;

function isReserved(path: string): boolean {
  return RESERVED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reflex — console not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#8882;padding:.1em .3em;border-radius:3px}</style>
</head><body>
<h1>The Reflex console is not built</h1>
<p>This server runs, and its API answers under <code>/api/v1</code>, but the web console's files
were not found. Build them with <code>npm run build</code> (or <code>npm install</code>, which builds),
then reload this page.</p>
<p>The console is looked for in <code>dist/ui</code> next to the server's code, or in the folder
named by <code>REFLEX_CONSOLE_DIR</code>.</p>
</body></html>
`;

/** Registers the console's routes: `/`, `/assets/*` and the SPA fallback for other paths. */
export function consoleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const root = consoleDir(ctx.env);
  const gzipped = new Map<string, Buffer>();
  const options = { config: { access: "public" as const }, schema: { hide: true } };

  /** Sends a file, gzip-compressed when the client accepts it and the type is text. */
  function send(request: FastifyRequest, reply: FastifyReply, file: ConsoleFile, cacheControl: string, cacheKey?: string): FastifyReply {
    reply.header("cache-control", cacheControl).header("x-content-type-options", "nosniff").type(file.contentType);
    if (!COMPRESSIBLE.test(file.contentType) || file.body.length < 1024) return reply.send(file.body);
    reply.header("vary", "accept-encoding");
    if (!/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) return reply.send(file.body);
    let body = cacheKey === undefined ? undefined : gzipped.get(cacheKey);
    if (body === undefined) {
      body = gzipSync(file.body);
      if (cacheKey !== undefined) {
        if (gzipped.size >= GZIP_CACHE_LIMIT) gzipped.clear();
        gzipped.set(cacheKey, body);
      }
    }
    return reply.header("content-encoding", "gzip").send(body);
  }

  async function sendIndex(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const index = await readConsoleFile(root, ["index.html"]);
    if (index === undefined) {
      return reply.code(404).header("cache-control", NO_CACHE).type("text/html; charset=utf-8").send(NOT_BUILT);
    }
    reply.header("x-frame-options", "DENY");
    return send(request, reply, index, NO_CACHE);
  }

  app.get("/", options, sendIndex);

  app.get("/*", options, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (isReserved(path)) return reply.callNotFound();
    const segments = safeSegments(path);
    if (segments?.[0] === "assets") {
      // A hashed asset that is missing is a stale page, never the index: answer 404.
      const file = await readConsoleFile(root, segments);
      if (file === undefined) return reply.callNotFound();
      return send(request, reply, file, IMMUTABLE, segments.join("/"));
    }
    if (path.startsWith("/assets/")) return reply.callNotFound();
    // Files at the top of the console (favicon, manifest) are served as they are.
    const last = segments?.at(-1);
    if (segments !== undefined && last !== undefined && last.includes(".")) {
      const file = await readConsoleFile(root, segments);
      if (file !== undefined) return send(request, reply, file, NO_CACHE);
    }
    return sendIndex(request, reply);
  });
}
