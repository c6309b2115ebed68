// An action of an installed pack is described by a YAML file in the pack's `actions/` folder:
// its name (the ref is `<pack>.<name>`), what it does, the JavaScript (or TypeScript) file
// that implements it, relative to the `actions/` folder, the JSON Schema of its input, and the
// limits of a run. The entry is checked and compiled as a Function's code is (same compiler,
// same handler contract), so its problems are placed at its own file:line:col.
//
//   name: restart
//   description: Restarts a service on one host
//   entry: restart.js
//   inputSchema: {type: object, required: [host], properties: {host: {type: string}}}
//   timeout: 1m        # default 30s, at most 15m
//   memory: 128        # MiB; default 128, 64 to 2048
//   secrets: [ACME_TOKEN]
//   env: {ACME_REGION: eu}
import { statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { Type } from "typebox";
import type { Static } from "typebox";
import type { ConfigDocument } from "../config/config-document.js";
import { checkJsonSchema } from "../config/json-schema-check.js";
import { Duration } from "../config/kinds/common.js";
import { durationBoundsProblems } from "../config/kinds/duration-bounds.js";
import { buildFunction } from "../config/kinds/function.js";
import { FUNCTION_FILE_EXTENSIONS, MAX_FUNCTION_MEMORY_MIB, MAX_FUNCTION_TIMEOUT_MS, MIN_FUNCTION_MEMORY_MIB } from "../config/kinds/function-schema.js";
import { documentChecker } from "../config/kinds/kind.js";
import type { ConfigProblem } from "../config/problem.js";
import type { ProblemLocator } from "../config/problem-locator.js";
import type { FunctionSpec } from "../config/types.js";
import { SECRET_NAME } from "../core/secrets.js";

/** What an action's `name` must look like: one or more dot-separated segments, as refs allow. */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;

/** JSON Schema of an action metadata file. */
const ActionMetadataSchema = Type.Object(
  {
    name: Type.String({ pattern: ACTION_NAME.source, maxLength: 128, description: "an action name: letters, digits, '_' and '-', starting with a letter, with '.' between parts" }),
    description: Type.String({ minLength: 1, description: "a sentence saying what the action does" }),
    entry: Type.String({ minLength: 1, description: "the path of the action's code, relative to the actions folder" }),
    inputSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "a JSON Schema (draft 2020-12) object" })),
    timeout: Type.Optional(Duration),
    memory: Type.Optional(
      Type.Integer({ minimum: MIN_FUNCTION_MEMORY_MIB, maximum: MAX_FUNCTION_MEMORY_MIB, description: `a whole number of MiB from ${MIN_FUNCTION_MEMORY_MIB} to ${MAX_FUNCTION_MEMORY_MIB}` }),
    ),
    secrets: Type.Optional(
      Type.Array(Type.String({ pattern: SECRET_NAME.source, description: "a secret name: letters, digits, '_', '-' and '.', starting with a letter" }), {
        uniqueItems: true,
        maxItems: 64,
        description: "a list of distinct secret names",
      }),
    ),
    env: Type.Optional(Type.Record(Type.String({ pattern: "^[^=\\u0000]+$" }), Type.String({ pattern: "^[^\\u0000]*$" }), { description: "a mapping of variable name to text" })),
  },
  { additionalProperties: false, description: "a mapping with name, description, entry and optionally inputSchema, timeout, memory, secrets, env" },
);

/** An action metadata file that fits its schema. */
export type ActionMetadata = Static<typeof ActionMetadataSchema>;

const checkMetadata = documentChecker({
  kind: "pack action",
  schema: ActionMetadataSchema,
  check: metadataProblems,
  build: (value: ActionMetadata) => value,
  // Unused: `documentChecker` reads only the schema, the checks and the build.
  assemble: (_specs, config) => config,
});

/** A pack action as loaded: its metadata and its code, compiled and ready to run as a Function. */
export interface PackActionSpec {
  /** `<pack>.<name>`. */
  ref: string;
  metadata: ActionMetadata;
  /** The entry as a Function spec named by the ref (what the Functions runner runs). */
  function: FunctionSpec;
  /** Where the metadata file starts, as `file:line:col`. */
  origin: string;
}

/** The action described by `doc` (a file of `pack`'s `actions/` folder), or its problems. */
export function readActionMetadata(pack: string, doc: ConfigDocument): PackActionSpec | ConfigProblem[] {
  const { spec: metadata, problems } = checkMetadata(doc.value, doc);
  if (metadata === null) return problems;
  const entry = entryProblems(metadata.entry, doc);
  if (entry.length > 0) return entry;
  const ref = `${pack}.${metadata.name}`;
  const built = buildFunction(
    {
      kind: "Function",
      name: ref,
      description: metadata.description,
      file: metadata.entry,
      timeout: metadata.timeout,
      memory: metadata.memory,
      secrets: metadata.secrets,
      env: metadata.env,
      inputSchema: metadata.inputSchema,
    },
    doc,
  );
  if (Array.isArray(built)) return built;
  return { ref, metadata, function: built, origin: doc.where("") };
}

/** Checks the schema cannot express: the timeout's bounds, the input schema (the entry is checked once these pass). */
function metadataProblems(value: ActionMetadata, at: ProblemLocator): ConfigProblem[] {
  const problems = [...durationBoundsProblems(value.timeout, "/timeout", { label: "'timeout'", above: 0, max: MAX_FUNCTION_TIMEOUT_MS }, at)];
  if (value.inputSchema !== undefined) problems.push(...checkJsonSchema({ schema: value.inputSchema, pointer: "/inputSchema", doc: at }));
  return problems;
}

/** The entry must be a JavaScript or TypeScript file inside the actions folder. */
function entryProblems(entry: string, at: ConfigDocument): ConfigProblem[] {
  if (!(FUNCTION_FILE_EXTENSIONS as readonly string[]).includes(extname(entry))) {
    return [at.problem("/entry", `'${entry}' must end in ${FUNCTION_FILE_EXTENSIONS.join(", ")} (JavaScript, or TypeScript compiled on load)`)];
  }
  const folder = resolve(at.file, "..");
  const path = resolve(folder, entry);
  if (!path.startsWith(`${folder}/`)) return [at.problem("/entry", `'${entry}' leaves the actions folder; an entry is a file inside it`)];
  const shown = join(at.file, "..", entry);
  try {
    if (!statSync(path).isFile()) return [at.problem("/entry", `${shown} is not a regular file`)];
  } catch {
    return [at.problem("/entry", `the entry file ${shown} does not exist (an entry is relative to the actions folder)`)];
  }
  return [];
}
