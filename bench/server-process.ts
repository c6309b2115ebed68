// A server under test, run as its own process so the load generator (this process) and the
// server each have their own event loop, as in production. The child announces itself with a
// line containing "listening on http://…"; we wait for it with a deadline, and stop the child
// with SIGTERM (graceful: Reflex finishes accepted work) before SIGKILL as a last resort.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A running server child. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** CPU seconds (user + system) the child has used so far; null where /proc is not available. */
  cpuSeconds(): number | null;
  /** Stops the child: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const LISTENING = /listening on (http:\/\/\S+)/;

/** The repository root: children run there, so `--import tsx` and relative paths resolve. */
export const REPO = fileURLToPath(new URL("..", import.meta.url));

/** Starts `node args…` with `env` added to ours; resolves once it listens. */
export async function startServerProcess(name: string, args: readonly string[], env: Record<string, string>, startMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    let settled = false;
    const timer = setTimeout(() => fail(`did not report "listening on" within ${startMs / 1000} s`), startMs);
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${name} ${why}; its stderr ends with:\n${stderr || "(nothing)"}`));
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (match?.[1] && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => fail(`exited with code ${code} before listening`));
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout.resume();

  return {
    url,
    child,
    cpuSeconds: () => (child.pid === undefined ? null : processCpuSeconds(child.pid)),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s on every common platform. */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process, from /proc/<pid>/stat (fields 14 and 15). */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces; the fields we need come after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return Number.isFinite(user) && Number.isFinite(system) ? (user + system) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}
