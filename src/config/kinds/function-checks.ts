// The checks on a Function document that its schema cannot express: exactly one of `code` and
// `file`, a timeout within bounds, environment variables a process can hold, and an input
// schema that is valid JSON Schema and compiles as the workflow engine will compile it (strict:
// a misspelt keyword is an error, not a silent no-op). The code itself is checked by
// `function-compile.ts`, once these pass.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isDuration } from "../../core/duration.js";
import { pointerSegment } from "../../core/json.js";
import { checkJsonSchema } from "../json-schema-check.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { DURATION_FORMAT } from "./common.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import type { FunctionDocument } from "./function-schema.js";
import { MAX_FUNCTION_TIMEOUT_MS } from "./function-schema.js";

/** Every problem of a Function document that fits the schema. */
export function functionProblems(value: FunctionDocument, at: ProblemLocator): ConfigProblem[] {
  return [
    ...sourceProblems(value, at),
    ...durationBoundsProblems(value.timeout, "/timeout", { label: "'timeout'", above: 0, max: MAX_FUNCTION_TIMEOUT_MS }, at),
    ...envProblems(value.env, at),
    ...inputSchemaProblems(value.inputSchema, at),
  ];
}

function sourceProblems(value: FunctionDocument, at: ProblemLocator): ConfigProblem[] {
  if (value.code !== undefined && value.file !== undefined) {
    return [at.problem("/file", "give the code inline ('code') or in a file ('file'), not both", "key")];
  }
  if (value.code === undefined && value.file === undefined) {
    return [at.problem("", "a Function needs its code: 'code' (inline JavaScript) or 'file' (a .js, .mjs or .ts path relative to this config file)")];
  }
  return [];
}

function envProblems(env: Record<string, string> | undefined, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, value] of Object.entries(env ?? {})) {
    const pointer = `/env/${pointerSegment(name)}`;
    if (name === "" || name.includes("=") || name.includes("\0")) {
      problems.push(at.problem(pointer, `'${name}' is not a variable name a process can have: it must be non-empty, without '=' or NUL`, "key"));
    } else if (value.includes("\0")) {
      problems.push(at.problem(pointer, "a variable's value must not contain a NUL character"));
    }
  }
  return problems;
}

/** Compiles input schemas as the engine does (strict, ajv-formats, `reflex-duration`); never holds them. */
const strictAjv = new Ajv2020({ strict: true, allowUnionTypes: true });
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
addFormats.default(strictAjv);
strictAjv.addFormat(DURATION_FORMAT, { type: "string", validate: isDuration });


function inputSchemaProblems(schema: Record<string, unknown> | undefined, at: ProblemLocator): ConfigProblem[] {
  if (schema === undefined) return [];
  const problems = checkJsonSchema({ schema, pointer: "/inputSchema", doc: at });
  if (problems.length > 0) return problems;
  try {
    strictAjv.compile(schema);
    return [];
  } catch (err) {
    return [at.problem("/inputSchema", `the input schema does not compile: ${err instanceof Error ? err.message : String(err)}`)];
  } finally {
    strictAjv.removeSchema(schema);
  }
}
