// Builds the web console for browser tests with Vite's programmatic `build()` and the real
// config (ui/vite.config.ts), into a folder under the system's temp directory named after a
// hash of the console's sources. Every test file of a run (and the screenshot script) shares
// one build, a change to any file under ui/ makes a fresh one, and `dist/ui` is never touched.
// Test files run in parallel processes: the first takes a lock (an atomic mkdir) and builds,
// the others wait for the finished folder, which appears at once by a rename.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The console's source folder (index.html, vite.config.ts, src/). */
export const UI_DIR = fileURLToPath(new URL("../../../ui/", import.meta.url));

const CACHE_DIR = join(tmpdir(), "reflex-console-builds");
/** A lock older than this is left over from a killed build and is taken over. */
const STALE_LOCK_MS = 180_000;
const BUILD_WAIT_MS = 240_000;
/** Builds of other source versions older than this are removed. */
const OLD_BUILD_MS = 24 * 3_600_000;

/** A hash of every file under ui/ (names and contents) and of the lock file (the versions of React and Vite). */
export function consoleSourceHash(dir = UI_DIR): string {
  const hash = createHash("sha256");
  const lockFile = join(dir, "..", "package-lock.json");
  if (existsSync(lockFile)) hash.update(readFileSync(lockFile));
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(path);
      } else if (entry.isFile()) {
        hash.update(relative(dir, path)).update("\0").update(readFileSync(path)).update("\0");
      }
    }
  };
  walk(dir);
  return hash.digest("hex").slice(0, 16);
}

/** Raised when the console does not build; the message holds Vite's own error. */
export class ConsoleBuildError extends Error {
  constructor(cause: unknown) {
    super(`the web console did not build (npx vite build --config ui/vite.config.ts shows the same): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "ConsoleBuildError";
  }
}

/** Builds the console (or reuses the build of the same sources) and answers its folder, for REFLEX_CONSOLE_DIR. */
export async function buildConsole(): Promise<string> {
  const hash = consoleSourceHash();
  const outDir = join(CACHE_DIR, hash);
  const lock = `${outDir}.lock`;
  mkdirSync(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + BUILD_WAIT_MS;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    if (existsSync(join(outDir, "index.html"))) return outDir;
    if (takeLock(lock)) {
      try {
        if (!existsSync(join(outDir, "index.html"))) await buildInto(outDir);
        removeOldBuilds(hash);
        return outDir;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new ConsoleBuildError(`another process has held ${lock} for over ${BUILD_WAIT_MS / 1000} s; remove it if no build runs`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // Released meanwhile.
    }
    return false;
  }
}

async function buildInto(outDir: string): Promise<void> {
  const staging = `${outDir}.tmp-${process.pid}`;
  const { build } = await import("vite");
  try {
    await build({
      configFile: join(UI_DIR, "vite.config.ts"),
      logLevel: "error",
      build: { outDir: staging, emptyOutDir: true },
    });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw new ConsoleBuildError(err);
  }
  renameSync(staging, outDir);
}

function removeOldBuilds(keep: string): void {
  for (const name of readdirSync(CACHE_DIR)) {
    if (name === keep || name.startsWith(`${keep}.`)) continue;
    const path = join(CACHE_DIR, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > OLD_BUILD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another run.
    }
  }
}
