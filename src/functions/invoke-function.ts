// One invocation of a Function, isolated from Reflex in a child process of its own: started
// with the Function's heap cap (`--max-old-space-size`) and nothing of Reflex's environment but
// the Function's `env`, in a process group of its own so that killing it reaches whatever it
// started. Reflex kills the group (SIGKILL, no grace: a function has nothing to clean up that
// Reflex relies on) at the timeout, when the resident size goes past the cap, or when the
// caller aborts; and once the process has exited, so nothing it started outlives the
// invocation. Console output becomes log lines as it arrives, bounded so a chatty function
// costs Reflex little; the reply is read up to a cap. A looping, leaking or crashing function
// harms only its own process: Reflex's event loop only reads pipes.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { dirname } from "node:path";
import type { Readable } from "node:stream";
import type { LogStream } from "../actions/task-log.js";
import { LineSplitter } from "../actions/core/line-splitter.js";
import { formatMs } from "../config/kinds/duration-bounds.js";
import type { FunctionSpec } from "../config/types.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { FunctionError } from "./function-error.js";
import { DEFAULT_MEMORY_POLL_MS, RUNTIME_ALLOWANCE_MIB, watchMemory } from "./memory-watch.js";
import { defaultRunnerCommand } from "./runner-command.js";
import type { RunnerCommand } from "./runner-command.js";
import type { RunnerReply, RunnerRequest } from "./runner-protocol.js";
import { MAX_REPLY_BYTES, REPLY_FD } from "./runner-protocol.js";

/** Bytes of console output turned into log lines; past it, output is read and dropped. */
export const MAX_LOGGED_OUTPUT_BYTES = 1024 * 1024;

/** Wait, after the process exited, for processes it left holding its pipes, before closing them. */
const PIPE_GRACE_MS = 2_000;

/** How V8 says, on stderr, that the heap cap was reached. */
const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit/;

/** Lines of stderr kept to explain a process that ended without a result. */
const STDERR_TAIL_LINES = 5;

/** One invocation. */
export interface Invocation {
  spec: FunctionSpec;
  /** The handler's first argument. */
  event: JsonValue;
  /** This invocation's id (`context.request_id`). */
  requestId: string;
  /** Values of the Function's declared secrets (`context.secrets`). */
  secrets: Readonly<Record<string, string>>;
  /** What started it (`context.trigger`). */
  trigger: JsonObject;
  signal: AbortSignal;
  /** Receives each console line (`stdout`, `stderr`) and notes from Reflex (`info`). */
  onLine(stream: LogStream, line: string): void;
}

/** How invocations are run (tests shorten the sampling). */
export interface InvokeOptions {
  runner?: RunnerCommand;
  memoryPollMs?: number;
}

/** Runs the Function once; resolves to the handler's result, rejects with a FunctionError. */
export function invokeFunction(invocation: Invocation, options: InvokeOptions = {}): Promise<JsonValue> {
  const { spec } = invocation;
  const runner = options.runner ?? defaultRunnerCommand();
  const started = Date.now();
  const request: RunnerRequest = {
    code: spec.code,
    filename: spec.filename,
    event: invocation.event,
    context: {
      function_name: spec.name,
      request_id: invocation.requestId,
      memory_limit_in_mb: spec.memoryMiB,
      time_limit_in_ms: spec.timeoutMs,
      secrets: { ...invocation.secrets },
      trigger: invocation.trigger,
    },
    deadline: started + spec.timeoutMs,
  };
  const what = `function '${spec.name}'`;
  if (invocation.signal.aborted) return Promise.reject(abortedError(what, invocation.signal));

  return new Promise((resolve, reject) => {
    const args = [...runner.execArgv, `--max-old-space-size=${spec.memoryMiB}`, "--enable-source-maps", runner.script];
    const child = spawn(runner.execPath, args, { cwd: dirname(spec.filename), env: { ...spec.env }, stdio: ["pipe", "pipe", "pipe", "pipe"], detached: true });
    const output = new OutputLines(invocation.onLine);
    const reply = new ReplyReader();
    const timers: NodeJS.Timeout[] = [];
    let stopped: "timeout" | "memory" | "abort" | null = null;
    let stopWatching = (): void => undefined;
    let settled = false;

    const stop = (why: "timeout" | "memory" | "abort"): void => {
      if (stopped !== null) return;
      stopped = why;
      killGroup(child);
    };
    const onAbort = (): void => stop("abort");
    const settle = (outcome: () => JsonValue): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      stopWatching();
      invocation.signal.removeEventListener("abort", onAbort);
      output.end();
      try {
        resolve(outcome());
      } catch (err) {
        reject(err);
      }
    };

    child.on("error", (err) => {
      // After a successful start, errors come from signalling, which killGroup handles.
      if (child.pid !== undefined) return;
      settle(() => {
        throw new FunctionError("function_cannot_start", `${what} could not be started: ${err.message}`, undefined, { cause: err });
      });
    });
    if (child.pid === undefined) return;

    child.stdout?.on("data", (chunk: Buffer) => output.write("stdout", chunk));
    child.stderr?.on("data", (chunk: Buffer) => output.write("stderr", chunk));
    const replyStream = child.stdio[REPLY_FD] as Readable | null;
    replyStream?.on("data", (chunk: Buffer) => {
      if (!reply.push(chunk)) replyStream.destroy();
    });
    replyStream?.on("error", () => undefined);
    child.stdin?.on("error", () => undefined); // EPIPE: the process ended before reading its request
    child.stdin?.end(JSON.stringify(request));

    timers.push(setTimeout(() => stop("timeout"), spec.timeoutMs));
    invocation.signal.addEventListener("abort", onAbort, { once: true });
    const limitMiB = spec.memoryMiB + RUNTIME_ALLOWANCE_MIB;
    stopWatching = watchMemory(child.pid, limitMiB * 1024 * 1024, options.memoryPollMs ?? DEFAULT_MEMORY_POLL_MS, () => stop("memory"));

    child.on("exit", () => {
      stopWatching();
      // Whatever the function started goes with it; pipes still held after a grace are closed.
      killGroup(child);
      timers.push(
        setTimeout(() => {
          for (const stream of child.stdio) stream?.destroy();
        }, PIPE_GRACE_MS),
      );
    });
    child.on("close", (code: number | null, signal: NodeJS.Signals | null) => {
      settle(() => {
        const answer = reply.parse();
        if (answer?.ok === true) return JSON.parse(answer.result) as JsonValue;
        if (answer?.ok === false) {
          const { name, message } = answer.error;
          throw new FunctionError("function_threw", `${what} threw ${name}: ${message}`, answer.error);
        }
        if (stopped === "timeout") throw new FunctionError("function_timeout", `${what} did not finish within ${formatMs(spec.timeoutMs)} and was stopped`);
        if (stopped === "memory" || output.outOfMemory) throw new FunctionError("function_memory", `${what} exceeded its memory cap of ${spec.memoryMiB} MiB and was stopped`);
        if (stopped === "abort") throw abortedError(what, invocation.signal);
        if (reply.tooLarge) throw new FunctionError("function_result_too_large", `${what} replied with more than ${MAX_REPLY_BYTES} bytes; a result may have at most 1 MiB of JSON`);
        const how = code === null ? `was killed by ${signal ?? "a signal"}` : `exited with code ${code}`;
        const tail = output.stderrTail();
        throw new FunctionError("function_exited", `${what} ${how} before returning a result${tail === "" ? "" : `: ${tail}`}`);
      });
    });
  });
}

function abortedError(what: string, signal: AbortSignal): FunctionError {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "the invocation was aborted";
  return new FunctionError("function_aborted", `${what} was stopped: ${why}`);
}

/** Sends SIGKILL to the child's process group, or to the child alone if the group is gone. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // No process left in the group (ESRCH).
    child.kill("SIGKILL");
  }
}

/** Console output as log lines, up to MAX_LOGGED_OUTPUT_BYTES; also watches stderr for V8's out-of-memory report. */
class OutputLines {
  private bytes = 0;
  private dropped = false;
  private readonly tail: string[] = [];
  private readonly splitters: Record<"stdout" | "stderr", LineSplitter>;
  /** True once V8 reported that the heap cap was reached. */
  outOfMemory = false;

  constructor(private readonly onLine: (stream: LogStream, line: string) => void) {
    this.splitters = {
      stdout: new LineSplitter((line) => onLine("stdout", line)),
      stderr: new LineSplitter((line) => this.stderrLine(line)),
    };
  }

  write(stream: "stdout" | "stderr", chunk: Buffer): void {
    if (this.dropped) {
      if (stream === "stderr" && OUT_OF_MEMORY.test(chunk.toString("latin1"))) this.outOfMemory = true;
      return;
    }
    this.bytes += chunk.byteLength;
    if (this.bytes > MAX_LOGGED_OUTPUT_BYTES) {
      this.dropped = true;
      this.end();
      this.onLine("info", `the function wrote more than ${MAX_LOGGED_OUTPUT_BYTES} bytes of output; the rest is not logged`);
      return;
    }
    this.splitters[stream].write(chunk);
  }

  end(): void {
    this.splitters.stdout.end();
    this.splitters.stderr.end();
  }

  /** The last lines of stderr, joined, at most 500 characters. */
  stderrTail(): string {
    const text = this.tail.join(" | ");
    return text.length > 500 ? `…${text.slice(-500)}` : text;
  }

  private stderrLine(line: string): void {
    if (OUT_OF_MEMORY.test(line)) this.outOfMemory = true;
    if (line.trim() !== "") {
      this.tail.push(line.trim());
      if (this.tail.length > STDERR_TAIL_LINES) this.tail.shift();
    }
    this.onLine("stderr", line);
  }
}

/** The reply on fd 3, read up to MAX_REPLY_BYTES. */
class ReplyReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  tooLarge = false;

  /** Takes a chunk; false when the reply is now too large (stop reading). */
  push(chunk: Buffer): boolean {
    this.size += chunk.byteLength;
    if (this.size > MAX_REPLY_BYTES) {
      this.tooLarge = true;
      this.chunks.length = 0;
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  /** The reply, or undefined when there is none (or it is not one). */
  parse(): RunnerReply | undefined {
    if (this.tooLarge || this.chunks.length === 0) return undefined;
    try {
      const reply = JSON.parse(Buffer.concat(this.chunks).toString("utf8")) as RunnerReply;
      return typeof reply === "object" && reply !== null && typeof reply.ok === "boolean" ? reply : undefined;
    } catch {
      return undefined;
    }
  }
}
