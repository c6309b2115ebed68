// Starts Reflex for a benchmark the way `npm start` runs it: `node dist/cli/main.js up` when a
// build is present and not older than the sources, otherwise the same entry from source
// through tsx (same code, compiled on load), so a stale build is never measured by mistake.
// BENCH_CPU_PROF=<dir> makes the child write a V8 CPU profile there when it stops.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { BenchDatabase } from "./databases.js";
import { REPO, startServerProcess } from "./server-process.js";
import type { ServerProcess } from "./server-process.js";

/** How Reflex is launched, and a phrase saying so for the report. */
export interface ReflexLaunch {
  args: string[];
  how: string;
}

/** Chooses the built entry when it is current, else the source entry through tsx. */
export function reflexLaunch(): ReflexLaunch {
  const built = join(REPO, "dist", "cli", "main.js");
  if (!existsSync(built)) {
    return { args: ["--import", "tsx", "src/cli/main.ts"], how: "`node --import tsx src/cli/main.ts up` (no build in dist/)" };
  }
  if (statSync(built).mtimeMs < newestSourceMs(join(REPO, "src"))) {
    return { args: ["--import", "tsx", "src/cli/main.ts"], how: "`node --import tsx src/cli/main.ts up` (dist/ is older than src/)" };
  }
  return { args: ["dist/cli/main.js"], how: "`node dist/cli/main.js up` (what `npm start` runs)" };
}

/** Runs `reflex up` on `database` with a preset admin token, on a free loopback port. */
export function startReflexProcess(launch: ReflexLaunch, database: BenchDatabase, adminToken: string, cpuProfileDir?: string): Promise<ServerProcess> {
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  return startServerProcess(`reflex (${database.label})`, [...profile, ...launch.args, "up", "--host", "127.0.0.1", "--port", "0"], {
    ...database.env,
    REFLEX_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: "warn",
  });
}

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
