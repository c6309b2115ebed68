// Runs `reflex up` as a real child process (through tsx, on the sources) for tests that need to
// kill it; resolves once it prints the address it listens on.
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

export interface ChildReflex {
  child: ChildProcessWithoutNullStreams;
  /** The API's URL; empty for a process without the api role. */
  url: string;
  /** Everything the child printed so far. */
  output(): string;
  /** Resolves when the child has exited. */
  exited: Promise<number | null>;
}

export async function spawnReflex(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<ChildReflex> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, "up", "--port", "0", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reflex did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const match = /listening on (http:\/\/\S+)|Reflex is running as .* \(no HTTP\)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", check);
        resolve(match[1] ?? "");
      }
    };
    child.stdout.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`reflex exited with ${code} before listening:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}
