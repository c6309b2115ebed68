// The program a function runs in: one child process per invocation, started by
// `invoke-function.ts` with the Function's memory cap and only its declared environment. It
// reads the request from stdin, loads the module (compiled to CommonJS when the config loaded)
// as a module of its own path, so `require` resolves from the function's directory and stack
// traces name its lines, calls `main_handler` (else the default export, else the module itself
// when it is a function) with the event and the context, writes the outcome to fd 3 and exits
// at once: timers or sockets the code leaves open do not keep the invocation alive. A handler
// may also take a third argument, an SCF-style `callback(error, result)`.
//
// This file runs on its own (not imported by Reflex), so it imports only Node and types.
import { Module, createRequire } from "node:module";
import { Socket } from "node:net";
import { inspect } from "node:util";
import { fileURLToPath } from "node:url";
import type { RunnerReply, RunnerRequest, ThrownError } from "./runner-protocol.js";
import { MAX_RESULT_BYTES, REPLY_FD } from "./runner-protocol.js";

/** A CommonJS module as Node's loader has it; `_compile` runs code as that module. */
interface CompilableModule {
  filename: string;
  paths: string[];
  exports: unknown;
  _compile(code: string, filename: string): unknown;
}

/** A function the handler may be. */
type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

/** Most stack frames kept of an error. */
const MAX_FRAMES = 12;

/** Exit code when the reply could not be written (Reflex then says the runner failed). */
const EXIT_NO_REPLY = 70;

const RUNNER_FILE = fileURLToPath(import.meta.url);

let replied = false;

/** Writes the outcome to fd 3 once, then ends the process once the console output is out too. */
function reply(outcome: RunnerReply): void {
  if (replied) return;
  replied = true;
  const channel = new Socket({ fd: REPLY_FD, readable: false, writable: true });
  channel.on("error", () => process.exit(EXIT_NO_REPLY));
  channel.end(JSON.stringify(outcome), () => {
    void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => process.exit(0));
  });
}

/** Resolves once what was written to `stream` before has been handed to the OS (pipes may be asynchronous). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

function failure(value: unknown): RunnerReply {
  return { ok: false, error: thrown(value) };
}

function thrown(value: unknown): ThrownError {
  if (!(value instanceof Error)) return { name: "Error", message: `the function threw a value that is not an Error: ${inspect(value, { depth: 2, breakLength: Infinity }).slice(0, 2_000)}`, stack: "" };
  const frames = (value.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .filter((line) => !line.includes(RUNNER_FILE) && !line.includes("node:internal") && !line.includes("(node:"));
  return { name: value.name, message: value.message, stack: frames.slice(0, MAX_FRAMES).map((line) => line.trim()).join("\n") };
}

function success(result: unknown): RunnerReply {
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (err) {
    return failure(new TypeError(`the handler's result is not JSON: ${err instanceof Error ? err.message : String(err)}`));
  }
  text ??= "null";
  const size = Buffer.byteLength(text);
  if (size > MAX_RESULT_BYTES) return failure(new RangeError(`the handler's result is ${size} bytes of JSON; a result may have at most ${MAX_RESULT_BYTES} bytes`));
  return { ok: true, result: text };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Runs `code` as the CommonJS module `filename` and returns its handler. */
function loadHandler(code: string, filename: string): Handler {
  const loaded = new Module(filename) as unknown as CompilableModule;
  loaded.filename = filename;
  loaded.paths = createRequire(filename).resolve.paths("a-package") ?? [];
  loaded._compile(code, filename);
  const exported = loaded.exports;
  const candidates: [string, unknown][] = [];
  if ((typeof exported === "object" || typeof exported === "function") && exported !== null) {
    candidates.push(["main_handler", (exported as Record<string, unknown>)["main_handler"]], ["default", (exported as Record<string, unknown>)["default"]]);
  }
  candidates.push(["module.exports", exported]);
  const found = candidates.find(([, value]) => typeof value === "function");
  if (found) return found[1] as Handler;
  const seen = candidates.map(([name, value]) => `${name} is ${value === null ? "null" : typeof value}`).join(", ");
  throw new TypeError(`the module exports no handler function (${seen}); export main_handler or a default function`);
}

/** Calls the handler; it may return (a promise of) the result or call `callback(error, result)`. */
function call(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, result?: unknown): void => (error === null || error === undefined ? resolve(result) : reject(error));
    Promise.resolve()
      .then(() => (handler.length >= 3 ? handler(event, context, callback) : handler(event, context)))
      .then((result) => {
        if (handler.length < 3 || result !== undefined) resolve(result);
      }, reject);
  });
}

async function main(): Promise<void> {
  const request = JSON.parse(await readStdin()) as RunnerRequest;
  // A process stuck past its deadline is killed by Reflex; this covers a Reflex that died meanwhile.
  setTimeout(() => process.exit(EXIT_NO_REPLY), Math.max(0, request.deadline - Date.now()) + 5_000).unref();
  const handler = loadHandler(request.code, request.filename);
  const context = { ...request.context, getRemainingTimeInMillis: () => Math.max(0, request.deadline - Date.now()) };
  reply(success(await call(handler, request.event, context)));
}

process.on("uncaughtException", (err) => reply(failure(err)));
process.on("unhandledRejection", (reason) => reply(failure(reason)));
process.on("beforeExit", () => reply(failure(new Error("the handler's promise never settled, and nothing was left for it to wait for"))));
main().catch((err: unknown) => reply(failure(err)));
