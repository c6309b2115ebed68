// `core.shell`: runs a command on the worker — a restart script, a health probe, a CLI. The
// command is an argv list, started without a shell, so values rendered from event data are
// passed as literal arguments and can never become shell syntax. The process sees only a
// minimal environment (PATH, HOME, LANG from the worker, then the input's `env`), never the
// worker's own variables (database URLs, tokens). Output goes to the task log line by line
// as it comes, and the start of each stream is kept for the result. A non-zero exit fails
// the task with that result, so `next` and `retry.when` can read the exit code and output.
import { stat } from "node:fs/promises";
import { ValidationError } from "../../core/errors.js";
import { pointerSegment } from "../../core/json.js";
import { redactor } from "../../core/redact.js";
import { ActionError } from "../action-error.js";
import type { ActionContext, ActionDefinition } from "../types.js";
import { abortedError } from "./aborted-error.js";
import { runProcess } from "./run-process.js";
import type { ProcessOutcome } from "./run-process.js";

const REF = "core.shell";

/** Run timeout unless the input sets `timeoutMs`. */
export const DEFAULT_SHELL_TIMEOUT_MS = 600_000;
/** Longest `timeoutMs` allowed: a day. */
export const MAX_SHELL_TIMEOUT_MS = 86_400_000;
/** Bytes of each output stream kept unless the input sets `maxOutputBytes`. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
/** Largest `maxOutputBytes` allowed. */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Wait between SIGTERM and SIGKILL unless the factory is told otherwise. */
export const DEFAULT_KILL_GRACE_MS = 5_000;
/** PATH when the worker has none. */
const FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Input of `core.shell`. */
export type ShellInput = {
  /** The program, then its arguments; each element is passed as it is. */
  argv: string[];
  cwd?: string;
  /** Set over the minimal base environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
  maxOutputBytes?: number;
};

/** Result of `core.shell` (also the result kept when it fails). */
export type ShellResult = {
  /** Null when a signal ended the command. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr was longer than `maxOutputBytes`. */
  truncated: boolean;
};

/** How the `core.shell` action is set up by the process that registers it. */
export interface ShellOptions {
  /** Where PATH, HOME and LANG are taken from; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Wait between SIGTERM and SIGKILL; default 5 s. */
  killGraceMs?: number;
}

/** The `core.shell` action. */
export function createShellAction(options: ShellOptions = {}): ActionDefinition<ShellInput> {
  const from = options.env ?? process.env;
  const base: Record<string, string> = { PATH: from["PATH"] || FALLBACK_PATH, HOME: from["HOME"] || "/", LANG: from["LANG"] || "C.UTF-8" };
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  return {
    ref: REF,
    description: "Runs a command from an argv list (no shell) and returns {exitCode, signal, stdout, stderr, truncated}; a non-zero exit fails.",
    inputSchema: {
      type: "object",
      additionalProperties: false,
      required: ["argv"],
      properties: {
        argv: { type: "array", minItems: 1, maxItems: 4_096, items: { type: "string", maxLength: 131_072 }, description: "the program, then its arguments" },
        cwd: { type: "string", minLength: 1, description: "working directory on the worker" },
        env: {
          type: "object",
          propertyNames: { type: "string", pattern: "^[^=\\u0000]+$", description: "a variable name without '=' or NUL" },
          additionalProperties: { type: "string" },
        },
        timeoutMs: { type: "integer", minimum: 1, maximum: MAX_SHELL_TIMEOUT_MS },
        maxOutputBytes: { type: "integer", minimum: 0, maximum: MAX_OUTPUT_BYTES },
      },
    },
    // The longest run, plus the kill grace and a minute; the input's timeoutMs is the real bound.
    timeoutMs: MAX_SHELL_TIMEOUT_MS + killGraceMs + 60_000,
    run: (input, ctx) => runShell(input, ctx, base, killGraceMs),
  };
}

async function runShell(input: ShellInput, ctx: ActionContext, base: Record<string, string>, killGraceMs: number): Promise<ShellResult> {
  const [command, ...args] = checkArgv(input.argv);
  const env = { ...base, ...checkEnv(input.env ?? {}) };
  if (input.cwd !== undefined) await checkCwd(input.cwd);
  if (ctx.signal.aborted) throw abortedError(REF, ctx.signal);
  const timeoutMs = input.timeoutMs ?? DEFAULT_SHELL_TIMEOUT_MS;
  const maxOutputBytes = input.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let outcome: ProcessOutcome;
  try {
    outcome = await runProcess({
      command,
      args,
      cwd: input.cwd,
      env,
      timeoutMs,
      maxOutputBytes,
      killGraceMs,
      signal: ctx.signal,
      onLine: (stream, line) => ctx.log[stream](line),
      onTruncated: (stream) => ctx.log.info(`${stream} is longer than ${maxOutputBytes} bytes: the result keeps its first ${maxOutputBytes} bytes`),
    });
  } catch (err) {
    throw new ActionError(`cannot run '${command}': ${startFailure(err, command)}`, { code: "shell_cannot_start", retryable: false, cause: err });
  }
  const { exitCode, signal, stdout, stderr, truncated } = outcome;
  const result: ShellResult = { exitCode, signal, stdout, stderr, truncated };
  if (outcome.stopped === "abort") throw abortedError(REF, ctx.signal, result);
  const redact = redactor(Object.values(ctx.secrets));
  if (outcome.stopped === "timeout") {
    throw new ActionError(redact(`'${command}' did not finish within ${timeoutMs} ms and was stopped${signal ? ` (${signal})` : ""}`), { code: "shell_timeout", result });
  }
  if (exitCode !== 0) {
    const how = exitCode === null ? `was killed by ${signal ?? "a signal"}` : `exited with code ${exitCode}`;
    throw new ActionError(redact(`'${command}' ${how}${lastLine(stderr)}`), { code: "shell_exit", result });
  }
  return result;
}

/** The argv as a non-empty list of strings, or a ValidationError at the offending element. */
function checkArgv(argv: unknown): [string, ...string[]] {
  if (!Array.isArray(argv) || argv.length === 0) {
    throw new ValidationError(`${REF} input /argv: must be a non-empty list: the program, then its arguments`, { pointer: "/argv" });
  }
  const checked: string[] = [];
  argv.forEach((arg: unknown, i) => {
    if (typeof arg !== "string") throw new ValidationError(`${REF} input /argv/${i}: must be a string, not ${arg === null ? "null" : typeof arg}`, { pointer: `/argv/${i}` });
    if (arg.includes("\0")) throw new ValidationError(`${REF} input /argv/${i}: must not contain a NUL character`, { pointer: `/argv/${i}` });
    checked.push(arg);
  });
  const [command, ...args] = checked;
  if (command === undefined || command === "") throw new ValidationError(`${REF} input /argv/0: the program must not be empty`, { pointer: "/argv/0" });
  return [command, ...args];
}

/** The env, or a ValidationError at a name or value the OS cannot take. */
function checkEnv(env: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(env)) {
    const pointer = `/env/${pointerSegment(name)}`;
    if (name === "" || name.includes("=") || name.includes("\0")) throw new ValidationError(`${REF} input ${pointer}: a variable name must be non-empty, without '=' or NUL`, { pointer });
    if (typeof value !== "string" || value.includes("\0")) throw new ValidationError(`${REF} input ${pointer}: must be a string without NUL characters`, { pointer });
  }
  return env;
}

async function checkCwd(cwd: string): Promise<void> {
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) throw new ActionError(`cwd '${cwd}' is not a directory on this worker`, { code: "shell_bad_cwd", retryable: false });
}

function startFailure(err: unknown, command: string): string {
  const code = err instanceof Error && "code" in err ? err.code : undefined;
  if (code === "ENOENT") return command.includes("/") ? "no such file" : "no such program on PATH";
  if (code === "EACCES") return "permission denied (is it executable?)";
  return err instanceof Error ? err.message : String(err);
}

/** `: <the last non-empty line of stderr>`, at most 300 characters, or nothing. */
function lastLine(stderr: string): string {
  const line = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "").at(-1);
  if (line === undefined) return "";
  return `: ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`;
}
