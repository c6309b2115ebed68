// Describes the machine and software a benchmark ran on, so numbers in RESULTS.md can be
// compared with care: CPU, cores, memory, OS, Node, and the versions of the packages that
// sit on the hot path (HTTP server, database drivers, query builder, load generator).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The machine and software of one benchmark run. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Package name → installed version. */
  packages: Record<string, string>;
  /** `git describe` of the working tree, `-dirty` when it has uncommitted changes. */
  revision: string;
  date: Date;
  /** One-minute load average when the run started: other work on the machine skews results. */
  loadAverage: number;
}

const PACKAGES = ["fastify", "better-sqlite3", "pg", "kysely", "autocannon"] as const;

/** Reads the facts of this machine and checkout. */
export function describeMachine(now: Date = new Date()): Machine {
  const cpus = os.cpus();
  const packages: Record<string, string> = {};
  for (const name of ["reflex", ...PACKAGES]) packages[name] = installedVersion(name);
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${osName()} (${os.type()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    packages,
    revision: gitRevision(),
    date: now,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

/** The Markdown `## Machine` section. */
export function machineSection(m: Machine): string {
  const versions = Object.entries(m.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  return [
    "## Machine",
    "",
    `Last run: ${m.date.toISOString()} at revision \`${m.revision}\`.`,
    "",
    "| | |",
    "|---|---|",
    `| CPU | ${m.cpu} |`,
    `| Cores | ${m.cores} |`,
    `| Memory | ${m.memoryGiB} GiB |`,
    `| Load average at start | ${m.loadAverage.toFixed(2)} (1 min) |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| Packages | ${versions} |`,
    "",
  ].join("\n");
}

/** One line naming the machine, for the top of each suite's section. */
export function machineLine(m: Machine): string {
  return `Measured ${m.date.toISOString()} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node.js ${m.node}, revision \`${m.revision}\`, load average ${m.loadAverage.toFixed(2)} at start.`;
}

function installedVersion(name: string): string {
  if (name === "reflex") return manifest(fileURLToPath(new URL("../package.json", import.meta.url)))?.version ?? "unknown";
  let dir: string;
  try {
    // Resolve the entry, not `name/package.json`: some packages (kysely) do not export it.
    dir = dirname(createRequire(import.meta.url).resolve(name));
  } catch {
    return "not installed";
  }
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const found = manifest(join(dir, "package.json"));
    if (found?.name === name) return found.version;
  }
  return "unknown";
}

function manifest(path: string): { name: string; version: string } | null {
  if (!existsSync(path)) return null;
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null || !("name" in parsed) || !("version" in parsed)) return null;
  const { name, version } = parsed;
  return typeof name === "string" && typeof version === "string" ? { name, version } : null;
}

function osName(): string {
  try {
    const release = readFileSync("/etc/os-release", "utf8");
    const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
    if (match?.[1]) return match[1];
  } catch {
    // not Linux, or no os-release: fall through to the kernel's name
  }
  return os.version();
}

function gitRevision(): string {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}
