// Heap taken by 10,000 rules, measured in a child process started with `--expose-gc` (see
// rules-memory-child.ts): garbage collection can then be forced before each reading, and the
// benchmark's own heap (events, earlier measurements) does not blur the numbers.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { isJsonObject } from "../src/core/json.js";
import type { RuleMix } from "./rules-sets.js";
import { REPO } from "./server-process.js";

/** Heap kept alive by one structure holding the rules. */
export interface MemoryEntry {
  mix: RuleMix;
  structure: string;
  bytes: number;
  /** The rules' patterns as JSON text, for scale. */
  patternJsonBytes: number;
}

/** What the child reports. */
export interface MemoryReport {
  rules: number;
  entries: MemoryEntry[];
}

/** Runs the child and reads its report. */
export async function measureMemory(): Promise<MemoryReport> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", "bench/rules-memory-child.ts"], {
    cwd: REPO,
    maxBuffer: 1 << 20,
    timeout: 120_000,
  });
  const report: unknown = JSON.parse(stdout);
  if (!isJsonObject(report) || typeof report.rules !== "number" || !Array.isArray(report.entries)) {
    throw new Error(`rules memory child printed an unexpected report: ${stdout.slice(0, 200)}`);
  }
  const entries: MemoryEntry[] = [];
  for (const entry of report.entries as unknown[]) {
    if (!isMemoryEntry(entry)) throw new Error(`rules memory child printed an unexpected entry: ${JSON.stringify(entry)}`);
    entries.push(entry);
  }
  return { rules: report.rules, entries };
}

function isMemoryEntry(value: unknown): value is MemoryEntry {
  return isJsonObject(value) && (value.mix === "exact-prefix" || value.mix === "mixed") && typeof value.structure === "string" && typeof value.bytes === "number" && typeof value.patternJsonBytes === "number";
}
