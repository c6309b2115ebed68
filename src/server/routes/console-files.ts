// Finding and reading the built web console (`dist/ui`, made by `npm run build`) safely: a
// request path becomes a file only when every segment is a plain name inside the console's
// directory, so `..`, encoded slashes, NUL bytes and symlinks out of the tree are refused.
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the built console lives. `../../../dist/ui/` from this module is the same folder
 * whether it runs from `src/server/routes/` (tsx) or `dist/server/routes/` (node).
 * `REFLEX_CONSOLE_DIR` overrides it (a console built elsewhere, tests).
 */
export function consoleDir(env: Readonly<Record<string, string | undefined>>): string {
  const override = env.REFLEX_CONSOLE_DIR;
  if (override !== undefined && override !== "") return override;
  return fileURLToPath(new URL("../../../dist/ui/", import.meta.url));
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** The content type for a file name, `application/octet-stream` when unknown. */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
}

const SEGMENT = /^[A-Za-z0-9_@~+-][A-Za-z0-9._@~+-]*$/;

/**
 * The path segments of a URL path when each is a plain file or folder name, else undefined.
 * `rawPath` is the path as sent (still percent-encoded, without the query).
 */
export function safeSegments(rawPath: string): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\\") || decoded.includes("\0")) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.length === 0) return undefined;
  return segments.every((s) => SEGMENT.test(s) && s !== "." && s !== "..") ? segments : undefined;
}

/** One file of the console, read whole (the console's files are small). */
export interface ConsoleFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads `segments` under `root` when that is a regular file that really lies inside `root`
 * (symlinks resolved), else undefined.
 */
export async function readConsoleFile(root: string, segments: readonly string[]): Promise<ConsoleFile | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...segments));
    if (!real.startsWith(realRoot + sep)) return undefined;
    if (!(await stat(real)).isFile()) return undefined;
    return { body: await readFile(real), contentType: contentTypeOf(real) };
  } catch {
    return undefined;
  }
}
