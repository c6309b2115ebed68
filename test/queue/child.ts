// Starts a fixture under test/queue/fixtures as a real Node process (through tsx) on the
// test's database, and collects its stdout lines so a test can wait for what it prints.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { vi } from "vitest";

/** A running fixture process. */
export interface Fixture {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  /** Resolves with the first stdout line starting with `prefix` (fails after `timeoutMs`). */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `test/queue/fixtures/<name>.ts` with `args` and the database `env`. */
export function startFixture(name: string, args: string[], env: Record<string, string>): Fixture {
  const file = fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const stderr: string[] = [];
  if (child.stdout) createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
  if (child.stderr) createInterface({ input: child.stderr }).on("line", (l) => stderr.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const line = (prefix: string, timeoutMs = 20_000): Promise<string> =>
    vi.waitFor(
      () => {
        const found = lines.find((l) => l.startsWith(prefix));
        if (found === undefined) throw new Error(`${name} printed no line starting '${prefix}' (stdout: ${lines.join(" | ")}; stderr: ${stderr.join(" | ")})`);
        return found;
      },
      { timeout: timeoutMs, interval: 20 },
    );
  return { child, lines, stderr, line, exited };
}
