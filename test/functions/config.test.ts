// `kind: Function` in a config directory: inline code and files (JS, ES module, TypeScript) are
// compiled when the config loads, with defaults filled in; a file that is missing, a syntax
// error, a module without a handler, top-level await and a bad input schema are reported at
// file:line:col (inside the function's file, or inside the YAML for inline code); workflows
// may run `function.<name>` of a declared Function (and must give what its input schema
// requires); a rule's `function` target must name a declared Function.
import { describe, expect, it } from "vitest";
import { configOf, placesOf, yaml } from "../config/fixture.js";

describe("Function documents", () => {
  it("loads inline code and files in JavaScript, ES module and TypeScript syntax, with defaults", async () => {
    const config = await configOf({
      "functions.yaml": yaml(
        "kind: Function",
        "name: inline",
        "description: says hello",
        "code: |",
        "  exports.main_handler = async (event) => ({hello: event.name});",
        "---",
        "kind: Function",
        "name: typed",
        "file: fns/typed.ts",
        "timeout: 2m",
        "memory: 256",
        "env: {REGION: ap-guangzhou}",
        "secrets: [TENCENT_SECRET_KEY]",
        "---",
        "kind: Function",
        "name: esm",
        "file: fns/esm.mjs",
      ),
      "fns/typed.ts": "interface Event { n: number }\nexport async function main_handler(event: Event): Promise<number> {\n  return event.n * 2;\n}\n",
      "fns/esm.mjs": "import { hostname } from 'node:os';\nexport default async function () { return hostname().length > 0; }\n",
    });
    const inline = config.functions.get("inline");
    expect(inline).toMatchObject({ name: "inline", description: "says hello", source: "inline", timeoutMs: 30_000, memoryMiB: 128, env: {}, secrets: [] });
    expect(inline?.filename).toMatch(/functions\.yaml#inline\.js$/);
    const typed = config.functions.get("typed");
    expect(typed).toMatchObject({ source: { file: "fns/typed.ts" }, timeoutMs: 120_000, memoryMiB: 256, env: { REGION: "ap-guangzhou" }, secrets: ["TENCENT_SECRET_KEY"] });
    expect(typed?.filename).toMatch(/\/fns\/typed\.ts$/);
    // Compiled to CommonJS: no type annotations, no ES module syntax left.
    expect(typed?.code).toContain("exports.main_handler = main_handler");
    expect(typed?.code).not.toContain(": Event");
    expect(config.functions.get("esm")?.code).toContain("exports.default = ");
    expect(config.origins.get("Function/esm")).toMatchObject({ line: 15 });
  });

  it("reports a syntax error at its place: in the function's file, or in the YAML for inline code", async () => {
    const places = await placesOf({
      "functions.yaml": yaml(
        "kind: Function",
        "name: broken-inline",
        "code: |",
        "  exports.main_handler = async (event) => {",
        "    return event.a +;",
        "  };",
        "---",
        "kind: Function",
        "name: broken-file",
        "file: broken.ts",
        "---",
        "kind: Function",
        "name: one-line",
        "code: 'exports.main_handler = ('",
      ),
      "broken.ts": "export function main_handler(event: {a: number}) {\n  const x: number = ;\n  return x;\n}\n",
    });
    expect(places).toEqual([
      "broken.ts:2:21 [/file] syntax error: Expression expected.",
      "functions.yaml:5:21 [/code] syntax error: Expression expected.",
      "functions.yaml:14:7 [/code] syntax error: Expression expected. (line 1, column 25 of the code)",
    ]);
  });

  it("reports a missing file, a wrong extension, no handler, top-level await, a redeclared variable, and code and file together", async () => {
    const places = await placesOf({
      "functions.yaml": yaml(
        "kind: Function",
        "name: missing",
        "file: nowhere.js",
        "---",
        "kind: Function",
        "name: python",
        "file: handler.py",
        "---",
        "kind: Function",
        "name: no-handler",
        "code: |",
        "  export function handler(event) { return event; }",
        "---",
        "kind: Function",
        "name: tla",
        "code: |",
        "  const config = await fetch('http://127.0.0.1/config');",
        "  exports.main_handler = () => config;",
        "---",
        "kind: Function",
        "name: twice",
        "code: |",
        "  exports.main_handler = () => {",
        "    let a = 1; let a = 2;",
        "  };",
        "---",
        "kind: Function",
        "name: both",
        "code: 'module.exports = () => 1'",
        "file: other.js",
        "---",
        "kind: Function",
        "name: neither",
      ),
      "handler.py": "def main_handler(event, context): pass\n",
    });
    expect(places.map((p) => p.replace(/\/\S*\/reflex-config-[^/]+/, "<dir>"))).toEqual([
      "functions.yaml:3:7 [/file] <dir>/nowhere.js does not exist (a file: path is relative to this config file)",
      "functions.yaml:7:7 [/file] 'handler.py' must end in .js, .mjs, .cjs, .ts, .mts, .cts (JavaScript, or TypeScript compiled on load)",
      "functions.yaml:12:3 [/code] the code exports no handler; export a handler: `export async function main_handler(event, context) { … }`, `exports.main_handler = async (event, context) => { … }` or a default export",
      "functions.yaml:17:18 [/code] top-level 'await' is not available: a function runs as a CommonJS module; move it into the handler",
      "functions.yaml:24:20 [/code] the code does not compile: Identifier 'a' has already been declared",
      "functions.yaml:30:1 [/file] give the code inline ('code') or in a file ('file'), not both",
      "functions.yaml:32:1 [] a Function needs its code: 'code' (inline JavaScript) or 'file' (a .js, .mjs or .ts path relative to this config file)",
    ]);
  });

  it("checks timeout, memory, env names and the input schema", async () => {
    const places = await placesOf({
      "functions.yaml": yaml(
        "kind: Function",
        "name: limits",
        "code: 'exports.main_handler = () => 1'",
        "timeout: 20m",
        "memory: 4096",
        "env: {'A=B': x}",
        "inputSchema: {type: object, requird: [x]}",
      ),
    });
    expect(places).toEqual([
      "functions.yaml:5:9 [/memory] 'memory' must be a whole number of MiB from 64 to 2048 (got 4096)",
    ]);
    const more = await placesOf({
      "functions.yaml": yaml(
        "kind: Function",
        "name: limits",
        "code: 'exports.main_handler = () => 1'",
        "timeout: 20m",
        "env: {'A=B': x}",
        "inputSchema: {type: object, requird: [x]}",
      ),
    });
    expect(more).toEqual([
      "functions.yaml:4:10 [/timeout] 'timeout' must be at most 15m (got 20m)",
      "functions.yaml:5:7 [/env/A=B] 'A=B' is not a variable name a process can have: it must be non-empty, without '=' or NUL",
      'functions.yaml:6:14 [/inputSchema] the input schema does not compile: strict mode: unknown keyword: "requird"',
    ]);
  });
});

describe("references to Functions", () => {
  const fn = yaml(
    "kind: Function",
    "name: restart",
    "code: 'exports.main_handler = async (event) => event'",
    "inputSchema: {type: object, required: [instanceId], properties: {instanceId: {type: string}}}",
  );

  it("lets a workflow task run function.<name>, checks its required inputs, and refuses undeclared Functions", async () => {
    const places = await placesOf({
      "fn.yaml": fn,
      "wf.yaml": yaml(
        "kind: Workflow",
        "name: heal",
        "tasks:",
        "  ok: {action: function.restart, input: {instanceId: ins-1}, next: [{do: [short, unknown]}]}",
        "  short: {action: function.restart}",
        "  unknown: {action: function.restrat}",
      ),
    });
    expect(places).toEqual([
      "wf.yaml:5:19 [/tasks/short/action] task 'short' does not give input 'instanceId', which function 'restart' requires; add it under 'input'",
      "wf.yaml:6:21 [/tasks/unknown/action] task 'unknown' runs 'function.restrat', but no Function 'restrat' is declared; declare it with 'kind: Function'; did you mean 'function.restart'?",
    ]);
    const config = await configOf({ "fn.yaml": fn, "wf.yaml": yaml("kind: Workflow", "name: heal", "tasks:", "  go: {action: function.restart, input: {instanceId: ins-1}}") });
    expect(config.workflows.get("heal")?.tasks[0]?.action).toBe("function.restart");
  });

  it("builds a rule's function target and refuses one naming an undeclared Function", async () => {
    const rule = (name: string) =>
      yaml("kind: Rule", "name: r", "pattern: {source: [cvm]}", "targets:", `  - {type: function, function: ${name}, input: {instanceId: "{{ event.subject }}"}}`, "  - {type: function, function: restart}");
    const config = await configOf({ "fn.yaml": fn, "rule.yaml": rule("restart") });
    expect(config.rules.get("r")?.targets).toEqual([
      expect.objectContaining({ type: "function", name: "t1", function: "restart", input: { instanceId: "{{ event.subject }}" } }),
      expect.objectContaining({ type: "function", name: "t2", function: "restart" }),
    ]);
    expect(config.rules.get("r")?.targets[1]).not.toHaveProperty("input");
    expect(await placesOf({ "fn.yaml": fn, "rule.yaml": rule("restar") })).toEqual([
      "rule.yaml:5:32 [/targets/0/function] Function 'restar' is not declared; declare it with 'kind: Function' or use one of: restart; did you mean 'restart'?",
    ]);
  });
});
