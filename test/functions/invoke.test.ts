// One invocation of a Function in its own process: inline and file code (JavaScript, ES module
// and TypeScript), `main_handler`, default and CommonJS exports and SCF-style callbacks; the
// result, the console output as log lines, the context; a thrown error with its stack pointing
// at the lines as written; the timeout stopping an endless loop; the memory cap stopping a heap
// and a Buffer allocator; only the declared environment; and an abort.
import { beforeAll, describe, expect, it } from "vitest";
import type { ReflexConfig } from "../../src/config/types.js";
import type { JsonObject } from "../../src/core/json.js";
import { FunctionError } from "../../src/functions/function-error.js";
import { invokeFunction } from "../../src/functions/invoke-function.js";
import type { Invocation } from "../../src/functions/invoke-function.js";
import { functionOf, functionsConfig, inlineFunction, lineCollector } from "./support.js";

let config: ReflexConfig;

beforeAll(async () => {
  config = await functionsConfig({
    "functions.yaml": [
      inlineFunction(
        "hello",
        `
exports.main_handler = async (event, context) => {
  console.log("hello", event.name);
  console.info("info line");
  console.warn("careful");
  console.error("two\\nlines");
  const { getRemainingTimeInMillis, ...rest } = context;
  return { greeting: "hello " + event.name, context: rest, remaining: getRemainingTimeInMillis() };
};`,
        "timeout: 10s",
        "memory: 96",
      ),
      "kind: Function\nname: esm\nfile: fns/esm.mjs\n",
      "kind: Function\nname: typed\nfile: fns/typed.ts\n",
      inlineFunction("commonjs", "module.exports = async function (event) { return { cjs: event.n + 1 }; };"),
      inlineFunction("callback", "exports.main_handler = (event, context, callback) => { setTimeout(() => callback(null, { called: true }), 5); };"),
      inlineFunction("env", "exports.main_handler = async (event, context) => ({ env: { ...process.env }, secrets: context.secrets });", "env: {REGION: ap-guangzhou, MODE: test}"),
      inlineFunction("loop", "exports.main_handler = () => { for (;;) {} };", "timeout: 1s"),
      inlineFunction("heap", "exports.main_handler = () => { const kept = []; for (;;) kept.push(new Array(100000).fill(Math.random())); };", "memory: 64"),
      inlineFunction("buffers", "exports.main_handler = () => { const kept = []; for (;;) kept.push(Buffer.alloc(16 * 1024 * 1024, 1)); };", "memory: 64"),
      inlineFunction("exits", "exports.main_handler = () => { console.error('giving up'); process.exit(3); };"),
      inlineFunction("sleeps", "exports.main_handler = () => new Promise((resolve) => setTimeout(resolve, 60000));"),
      inlineFunction("chatty", "exports.main_handler = () => { const line = 'x'.repeat(1000); for (let i = 0; i < 3000; i++) console.log(line); return 'done'; };"),
    ].join("---\n"),
    "fns/esm.mjs": "import { twice } from './helper.cjs';\nexport default async function (event) {\n  return { twice: twice(event.n) };\n}\n",
    "fns/helper.cjs": "exports.twice = (n) => n * 2;\n",
    "fns/typed.ts": [
      "interface Alarm { instanceId?: string }",
      "",
      "function check(alarm: Alarm): string {",
      "  if (!alarm.instanceId) throw new TypeError('the alarm names no instance');",
      "  return alarm.instanceId;",
      "}",
      "",
      "export async function main_handler(event: Alarm): Promise<{ instance: string }> {",
      "  return { instance: check(event) };",
      "}",
      "",
    ].join("\n"),
  });
});

/** Invokes Function `name` with `event`; the log lines go to `lines`. */
function invoke(name: string, event: JsonObject, extra: Partial<Invocation> = {}) {
  const log = lineCollector();
  const run = invokeFunction({
    spec: functionOf(config, name),
    event,
    requestId: `req-${name}`,
    secrets: {},
    trigger: { type: "test" },
    signal: new AbortController().signal,
    onLine: log.onLine,
    ...extra,
  });
  return { run, lines: log.lines };
}

/** The FunctionError `run` rejects with. */
async function failureOf(run: Promise<unknown>): Promise<FunctionError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FunctionError)) throw new Error(`expected a FunctionError, got ${String(err)}`);
  return err;
}

describe("invoking a Function", () => {
  it("returns the handler's result, logs its console output line by line and gives it the context", async () => {
    const { run, lines } = invoke("hello", { name: "ops" });
    const result = (await run) as JsonObject;
    expect(result.greeting).toBe("hello ops");
    expect(result.context).toEqual({ function_name: "hello", request_id: "req-hello", memory_limit_in_mb: 96, time_limit_in_ms: 10_000, secrets: {}, trigger: { type: "test" } });
    expect(result.remaining).toBeGreaterThan(5_000);
    expect(result.remaining).toBeLessThanOrEqual(10_000);
    expect(lines).toEqual(["stdout: hello ops", "stdout: info line", "stderr: careful", "stderr: two", "stderr: lines"]);
  });

  it("runs a default export from an ES module file that requires a file beside it, a CommonJS module and an SCF callback", async () => {
    expect(await invoke("esm", { n: 21 }).run).toEqual({ twice: 42 });
    expect(await invoke("commonjs", { n: 1 }).run).toEqual({ cjs: 2 });
    expect(await invoke("callback", {}).run).toEqual({ called: true });
  });

  it("runs TypeScript and reports what it throws, with the stack at the TypeScript lines", async () => {
    expect(await invoke("typed", { instanceId: "ins-1" }).run).toEqual({ instance: "ins-1" });
    const err = await failureOf(invoke("typed", {}).run);
    expect(err.failure).toBe("function_threw");
    expect(err.message).toBe("function 'typed' threw TypeError: the alarm names no instance");
    expect(err.thrown?.name).toBe("TypeError");
    const frames = err.thrown?.stack.split("\n") ?? [];
    expect(frames[0]).toMatch(/^at check \(.*\/fns\/typed\.ts:4:\d+\)$/);
    expect(frames[1]).toMatch(/^at main_handler \(.*\/fns\/typed\.ts:9:\d+\)$/);
    // The runner's and Node's own frames are trimmed.
    expect(err.thrown?.stack).not.toMatch(/runner-child|node:internal/);
  });

  it("points a stack through inline code at its line and column in the YAML file", async () => {
    const yamlConfig = await functionsConfig({
      "inline.yaml": ["kind: Function", "name: inline-thrower", "code: |", "  exports.main_handler = () => {", "    throw new Error('inline');", "  };", ""].join("\n"),
    });
    const err = await failureOf(invokeFunction({ spec: functionOf(yamlConfig, "inline-thrower"), event: {}, requestId: "r", secrets: {}, trigger: {}, signal: new AbortController().signal, onLine: () => undefined }));
    expect(err.thrown?.stack.split("\n")[0]).toMatch(/^at exports\.main_handler \(.*\/inline\.yaml:5:11\)$/);
  });

  it("passes only the declared environment, never Reflex's own, and the secrets it is given", async () => {
    process.env.REFLEX_FUNCTION_TEST_LEAK = "must-not-be-seen";
    try {
      const result = await invoke("env", {}, { secrets: { TOKEN: "t0ken" } }).run;
      expect(result).toEqual({ env: { REGION: "ap-guangzhou", MODE: "test" }, secrets: { TOKEN: "t0ken" } });
    } finally {
      delete process.env.REFLEX_FUNCTION_TEST_LEAK;
    }
  });

  it("stops a function that loops forever at its timeout", async () => {
    const started = Date.now();
    const err = await failureOf(invoke("loop", {}).run);
    expect(err.failure).toBe("function_timeout");
    expect(err.message).toBe("function 'loop' did not finish within 1s and was stopped");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops a function that allocates without end at its memory cap, on the heap or in Buffers", async () => {
    for (const name of ["heap", "buffers"]) {
      const err = await failureOf(invoke(name, {}).run);
      expect(err.failure).toBe("function_memory");
      expect(err.message).toBe(`function '${name}' exceeded its memory cap of 64 MiB and was stopped`);
    }
  });

  it("reports a process that exits without a result, and stops one when aborted", async () => {
    const exited = await failureOf(invoke("exits", {}).run);
    expect(exited.failure).toBe("function_exited");
    expect(exited.message).toBe("function 'exits' exited with code 3 before returning a result: giving up");

    const controller = new AbortController();
    const { run } = invoke("sleeps", {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("the execution was canceled")), 200);
    const aborted = await failureOf(run);
    expect(aborted.failure).toBe("function_aborted");
    expect(aborted.message).toBe("function 'sleeps' was stopped: the execution was canceled");
  });

  it("logs at most 1 MiB of output and says the rest was not logged", async () => {
    const { run, lines } = invoke("chatty", {});
    expect(await run).toBe("done");
    expect(lines.length).toBeLessThan(1_100);
    expect(lines.at(-1)).toBe("info: the function wrote more than 1048576 bytes of output; the rest is not logged");
  });
});
