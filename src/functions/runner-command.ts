// How a function's runner process is started: this Node binary, running `runner-child.js` next
// to this file. Run from the TypeScript sources (tests, `npm run dev`), the runner is a `.ts`
// file, loaded through tsx (a devDependency) as the sources' other child processes are.
import { fileURLToPath } from "node:url";

/** The program, the Node flags, and the runner script, before the per-Function flags. */
export interface RunnerCommand {
  execPath: string;
  execArgv: readonly string[];
  script: string;
}

/** True when this module runs from its TypeScript source rather than from `dist/`. */
const RUNNING_FROM_SOURCES = import.meta.url.endsWith(".ts");

/** The runner of this installation. */
export function defaultRunnerCommand(): RunnerCommand {
  const script = fileURLToPath(new URL(RUNNING_FROM_SOURCES ? "./runner-child.ts" : "./runner-child.js", import.meta.url));
  return { execPath: process.execPath, execArgv: RUNNING_FROM_SOURCES ? ["--import", import.meta.resolve("tsx")] : [], script };
}
