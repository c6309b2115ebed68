// Runs a Node.js script under valgrind's callgrind with its cache and branch simulators, and
// reads back the counters of the part the script marks. The counts do not depend on what else
// the machine is doing. They repeat when the script loads the same way every time: three runs
// of the rules child, prebuilt into one file (bundle.ts), agreed within 0.01 % in instructions
// and 0.1 last-level misses per event. Run through tsx, three runs of one revision had spread
// by 4 % in instructions and from 21.6 to 26.3 last-level misses per event, most likely as the
// compiling and caching of modules moved the heap. Even so, a change that allocates a little
// more or less can move a garbage collection into or out of the counted part (about 2.5
// misses per event). Timed processes on a shared VM move by ±15 %, and by 2× in a slow spell.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO } from "./server-process.js";

/**
 * The simulated caches, fixed so that counts do not depend on the host's caches: 32 KiB
 * instruction and 48 KiB data L1 per core, and a last level of 1 MiB standing for the per-core
 * L2 (the 32 MiB L3 of these VMs is shared with other tenants, so it is left out; a miss here
 * costs what an L3 hit or worse does).
 */
export const SIMULATED_CACHES = { I1: "32768,8,64", D1: "49152,12,64", LL: "1048576,16,64" } as const;

/** Counter name → count, as callgrind names them (Ir, I1mr, D1mr, DLmr, Bcm, …). */
export type Counters = Readonly<Record<string, number>>;

/** The installed valgrind's version line, or undefined when there is none. */
export async function valgrindVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)("valgrind", ["--version"]);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * Runs `node <nodeArgs> <script> <args>` in the repository under callgrind, which dumps its
 * counters whenever the script calls `process.cpuUsage()`; returns the counters of the last
 * dump, the part between the script's last two calls.
 */
export async function countMarkedPart(nodeArgs: readonly string[], script: string, args: readonly string[]): Promise<Counters> {
  const dir = await mkdtemp(join(tmpdir(), "reflex-callgrind-"));
  try {
    const cache = Object.entries(SIMULATED_CACHES).map(([level, geometry]) => `--${level}=${geometry}`);
    const valgrindArgs = ["--tool=callgrind", "--cache-sim=yes", "--branch-sim=yes", ...cache, "--dump-before=uv_getrusage", `--callgrind-out-file=${join(dir, "out")}`];
    await promisify(execFile)("valgrind", [...valgrindArgs, process.execPath, ...nodeArgs, script, ...args], { cwd: REPO, maxBuffer: 1 << 24, timeout: 30 * 60_000 });
    const dumps = (await readdir(dir)).filter((name) => /^out\.\d+$/.test(name)).sort((a, b) => dumpNumber(a) - dumpNumber(b));
    const last = dumps.at(-1);
    if (dumps.length < 2 || last === undefined) throw new Error(`callgrind wrote ${dumps.length} marked dumps of ${script}; expected at least 2 (did it call process.cpuUsage() around its measured part?)`);
    return totals(await readFile(join(dir, last), "utf8"), last);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function dumpNumber(name: string): number {
  return Number(name.slice(name.lastIndexOf(".") + 1));
}

/** The `totals:` line of a callgrind dump, by the names of its `events:` line. */
function totals(text: string, name: string): Counters {
  const events = /^events: (.+)$/m.exec(text)?.[1]?.split(" ");
  const values = /^totals: (.+)$/m.exec(text)?.[1]?.split(" ").map(Number);
  if (!events || !values) throw new Error(`callgrind dump ${name} has no events: or totals: line`);
  return Object.fromEntries(events.map((event, i) => [event, values[i] ?? 0]));
}
