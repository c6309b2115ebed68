// The JSON Schema of a `kind: Function` document and the bounds of its settings, in one place
// so the schema, the checks, the built spec and docs/functions.md agree. The code is written
// inline (`code:`) or kept in a file beside the config (`file:`); exactly one of the two.
//
//   kind: Function
//   name: restart-nginx
//   file: functions/restart-nginx.ts   # .js, .mjs, .cjs, .ts, .mts or .cts
//   timeout: 2m                        # default 30s, at most 15m
//   memory: 256                        # MiB; default 128, 64 to 2048
//   env: {REGION: ap-guangzhou}
//   secrets: [TENCENT_SECRET_ID, TENCENT_SECRET_KEY]
import { Type } from "typebox";
import type { Static } from "typebox";
import { SECRET_NAME } from "../../core/secrets.js";
import { Duration, documentSchema } from "./common.js";

/** Time an invocation may take when `timeout:` is not given. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 30_000;

/** Longest `timeout:`. */
export const MAX_FUNCTION_TIMEOUT_MS = 15 * 60_000;

/** Memory cap in MiB when `memory:` is not given. */
export const DEFAULT_FUNCTION_MEMORY_MIB = 128;

/** Smallest `memory:`, in MiB (below it Node itself hardly starts). */
export const MIN_FUNCTION_MEMORY_MIB = 64;

/** Largest `memory:`, in MiB. */
export const MAX_FUNCTION_MEMORY_MIB = 2048;

/** File name endings a `file:` may have. */
export const FUNCTION_FILE_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"] as const;

/** JSON Schema of a Function document. */
export const FunctionSchema = documentSchema("Function", {
  code: Type.Optional(Type.String({ minLength: 1, description: "the module's JavaScript or TypeScript source" })),
  file: Type.Optional(Type.String({ minLength: 1, description: "a path relative to this config file" })),
  timeout: Type.Optional(Duration),
  memory: Type.Optional(
    Type.Integer({
      minimum: MIN_FUNCTION_MEMORY_MIB,
      maximum: MAX_FUNCTION_MEMORY_MIB,
      description: `a whole number of MiB from ${MIN_FUNCTION_MEMORY_MIB} to ${MAX_FUNCTION_MEMORY_MIB}`,
    }),
  ),
  env: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "a mapping of variable name to text" })),
  secrets: Type.Optional(
    Type.Array(Type.String({ pattern: SECRET_NAME.source, description: "a secret name: letters, digits, '_', '-' and '.', starting with a letter" }), {
      uniqueItems: true,
      maxItems: 64,
      description: "a list of distinct secret names",
    }),
  ),
  inputSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "a JSON Schema (draft 2020-12) object" })),
});

/** A Function document that fits its schema. */
export type FunctionDocument = Static<typeof FunctionSchema>;

/** A declared Function `x` is the workflow action `function.x`. */
export const FUNCTION_ACTION_PREFIX = "function.";
