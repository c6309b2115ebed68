// Runs one command for `core.shell` and reports how it ended; it never decides whether that
// is a success. The command is started from an argv with no shell, in a process group of its
// own, so that stopping it (timeout or abort: SIGTERM, then SIGKILL after a grace) reaches the
// processes it started too; a pipeline left running by a command that exited is killed after
// the same grace, so no stray process outlives its task. Output is streamed line by line to
// the caller as it arrives and kept up to a cap for the result.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { CappedOutput } from "./capped-output.js";
import { LineSplitter } from "./line-splitter.js";

/** What to run and how. */
export interface ProcessSpec {
  command: string;
  args: readonly string[];
  cwd: string | undefined;
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Bytes of each stream kept for the result. */
  maxOutputBytes: number;
  /** Wait between SIGTERM and SIGKILL. */
  killGraceMs: number;
  signal: AbortSignal;
  onLine(stream: "stdout" | "stderr", line: string): void;
  /** Called once per stream, when it first goes past `maxOutputBytes`. */
  onTruncated(stream: "stdout" | "stderr"): void;
}

/** How the command ended. */
export interface ProcessOutcome {
  /** Null when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** Why it was stopped, if it was. */
  stopped: "timeout" | "abort" | null;
}

/** Runs `spec`; rejects only when the command cannot be started (ENOENT, EACCES, …). */
export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      shell: false,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout = new CappedOutput(spec.maxOutputBytes);
    const stderr = new CappedOutput(spec.maxOutputBytes);
    const stdoutLines = new LineSplitter((line) => spec.onLine("stdout", line));
    const stderrLines = new LineSplitter((line) => spec.onLine("stderr", line));
    const timers: NodeJS.Timeout[] = [];
    let stopped: ProcessOutcome["stopped"] = null;
    let settled = false;

    const stop = (why: "timeout" | "abort"): void => {
      if (stopped !== null) return;
      stopped = why;
      signalGroup(child, "SIGTERM");
      timers.push(setTimeout(() => signalGroup(child, "SIGKILL"), spec.killGraceMs));
    };
    const onAbort = (): void => stop("abort");
    const finish = (): void => {
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      spec.signal.removeEventListener("abort", onAbort);
    };

    child.stdout?.on("data", (chunk: Buffer) => {
      if (stdout.push(chunk)) spec.onTruncated("stdout");
      stdoutLines.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.push(chunk)) spec.onTruncated("stderr");
      stderrLines.write(chunk);
    });
    child.on("error", (err) => {
      // After a successful start, errors come from signalling, which signalGroup handles.
      if (settled || child.pid !== undefined) return;
      finish();
      reject(err);
    });
    child.on("exit", () => {
      // Processes still holding the output pipes were left behind by the command.
      timers.push(
        setTimeout(() => {
          signalGroup(child, "SIGKILL");
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, spec.killGraceMs),
      );
    });
    child.on("close", (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      finish();
      stdoutLines.end();
      stderrLines.end();
      resolve({
        exitCode: code,
        signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        truncated: stdout.truncated || stderr.truncated,
        stopped,
      });
    });

    if (child.pid === undefined) return;
    timers.push(setTimeout(() => stop("timeout"), spec.timeoutMs));
    if (spec.signal.aborted) stop("abort");
    else spec.signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Sends `signal` to the child's process group, or to the child alone if the group is gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has no process left (ESRCH): the child alone, if it is still there.
    child.kill(signal);
  }
}
