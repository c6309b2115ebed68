// `kind: Function`: the operator's own code, usable as a workflow action (`function.<name>`)
// and as a rule target (`type: function`). Unlike the other kinds, building its spec needs to
// know where the document sits (a `file:` is relative to its config file, and problems in the
// code are placed in that file), so this kind implements `ConfigKind` itself; the schema and
// the field checks still go through `documentChecker`, as every kind's do. Parts:
// `function-schema.ts`, `function-checks.ts`, `function-source.ts`, `function-compile.ts`.
import { parseDuration } from "../../core/duration.js";
import type { JsonObject } from "../../core/json.js";
import type { ConfigDocument } from "../config-document.js";
import type { ConfigProblem } from "../problem.js";
import type { FunctionSpec } from "../types.js";
import { functionProblems } from "./function-checks.js";
import { compileFunctionCode } from "./function-compile.js";
import type { FunctionDocument } from "./function-schema.js";
import { DEFAULT_FUNCTION_MEMORY_MIB, DEFAULT_FUNCTION_TIMEOUT_MS, FunctionSchema } from "./function-schema.js";
import { functionSource } from "./function-source.js";
import type { ConfigKind } from "./kind.js";
import { functionTargetReferenceProblems } from "./target-function.js";
import { documentChecker } from "./kind.js";

/** Schema and field checks of a Function document; its spec is built by the collector below. */
const checkDocument = documentChecker({
  kind: "Function",
  schema: FunctionSchema,
  check: functionProblems,
  build: (value: FunctionDocument) => value,
  // Unused: `documentChecker` reads only the schema, the checks and the build.
  assemble: (_specs, config) => config,
});

/** The Function spec of a document that passed its checks, or the problems of its code. */
export function buildFunction(value: FunctionDocument, doc: ConfigDocument): FunctionSpec | ConfigProblem[] {
  const source = functionSource(value, doc);
  if (Array.isArray(source)) return source;
  const compiled = compileFunctionCode(source.text, source.fileName, source.origin);
  if ("problems" in compiled) return compiled.problems.map((p) => source.problem(p.line, p.col, p.message));
  const spec: FunctionSpec = {
    name: value.name,
    source: value.file === undefined ? "inline" : { file: value.file },
    code: compiled.code,
    filename: source.fileName,
    timeoutMs: value.timeout === undefined ? DEFAULT_FUNCTION_TIMEOUT_MS : parseDuration(value.timeout),
    memoryMiB: value.memory ?? DEFAULT_FUNCTION_MEMORY_MIB,
    env: { ...value.env },
    secrets: [...(value.secrets ?? [])],
  };
  if (value.description !== undefined) spec.description = value.description;
  // Parsed YAML holds only JSON values.
  if (value.inputSchema !== undefined) spec.inputSchema = value.inputSchema as JsonObject;
  return spec;
}

/** The Function kind for the registry. */
export const functionKind: ConfigKind = {
  kind: "Function",
  collect() {
    const specs: FunctionSpec[] = [];
    return {
      load(doc, problems) {
        const checked = checkDocument(doc.value, doc);
        problems.push(...checked.problems);
        if (checked.spec === null) return;
        const built = buildFunction(checked.spec, doc);
        if (Array.isArray(built)) problems.push(...built);
        else specs.push(built);
      },
      assemble: (config) => ({ ...config, functions: new Map([...config.functions, ...specs.map((s) => [s.name, s] as const)]) }),
      // Rules' `function` targets name Functions (workflows' `function.<name>` tasks are checked with the workflows).
      crossCheck: (context, problems) => problems.push(...functionTargetReferenceProblems(context)),
    };
  },
};
