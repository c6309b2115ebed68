// Builds a bench script and everything it imports into one ES module file, for a child process
// whose work is counted under callgrind. Run through tsx, a child compiles and caches its
// TypeScript modules as it loads them, which most likely is why the heap the counted part runs
// in differed from run to run: three runs of one revision of the rules child gave last-level
// misses 21.6–26.3 per event. A prebuilt bundle at a fixed path loads the same way every time:
// three runs of the rules-simulated suite on one revision agreed within 0.01 % in instructions
// and 0.1 last-level misses per event.
import { build } from "esbuild";
import { join } from "node:path";
import { REPO } from "./server-process.js";

/**
 * Bundles `entry` (relative to the repository) into `bench/tmp/<name>.mjs` and returns that
 * path, relative to the repository. The path is fixed, as the bundle's own path is part of what
 * the child allocates.
 */
export async function bundleScript(entry: string, name: string): Promise<string> {
  const outfile = join("bench", "tmp", `${name}.mjs`);
  await build({
    absWorkingDir: REPO,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    // CommonJS packages in the bundle (json-rules-engine) call `require`, which an ES module lacks.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  return outfile;
}
