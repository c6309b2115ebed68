// Turns Ajv's validation errors into config problems a person can act on: each at the YAML
// node its instance path names, missing fields at their parent mapping, unknown keys at the
// key itself with the nearest allowed name, enums listing their values. Ajv (with
// `allErrors`) reports every branch of a failed `anyOf`; only the `anyOf` itself is kept. A
// failed `if`/`then` (how a kind picks a schema by a `type` field) is reported through the
// `then` schema's own errors, so Ajv's "must match then schema" adds nothing. One problem per
// location is enough.
import type { ErrorObject } from "ajv";
import { pointerSegment } from "../core/json.js";
import { parsePointer } from "./config-document.js";
import type { ConfigProblem } from "./problem.js";
import type { ProblemLocator } from "./problem-locator.js";
import { didYouMean } from "./suggest.js";

/**
 * Problems for Ajv `errors` (from a validator compiled with `verbose: true`) found in the
 * value at `base` of `doc`.
 */
export function schemaProblems(errors: readonly ErrorObject[], doc: ProblemLocator, base = ""): ConfigProblem[] {
  const branches = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => `${e.schemaPath}/`);
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const error of errors) {
    if (error.keyword === "if" || branches.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const problem = toProblem(error, doc, base);
    if (seen.has(problem.pointer)) continue;
    seen.add(problem.pointer);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, doc: ProblemLocator, base: string): ConfigProblem {
  const at = base + error.instancePath;
  const params: Record<string, unknown> = error.params;
  if (error.keyword === "required" && typeof params["missingProperty"] === "string") {
    const missing = params["missingProperty"];
    const problem = doc.problem(at, `missing required field '${missing}'${inside(at)}`);
    return { ...problem, pointer: `${at}/${pointerSegment(missing)}` };
  }
  if (error.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") {
    const extra = params["additionalProperty"];
    const known = knownFields(error.parentSchema);
    const hint = didYouMean(extra, known) || (known.length > 0 ? `; allowed: ${known.join(", ")}` : "");
    return doc.problem(`${at}/${pointerSegment(extra)}`, `unknown field '${extra}'${inside(at)}${hint}`, "key");
  }
  const allowed = params["allowedValues"];
  const hint = error.keyword === "enum" && typeof error.data === "string" && Array.isArray(allowed) ? didYouMean(error.data, allowed.map(String)) : "";
  return doc.problem(at, `${label(at)} ${expectation(error)}${got(error.data)}${hint}`);
}

/** What the value should have been, in words. */
function expectation(error: ErrorObject): string {
  const described = describedAs(error.parentSchema);
  if (described !== undefined) return `must be ${described}`;
  const params: Record<string, unknown> = error.params;
  const allowed = params["allowedValues"];
  if (error.keyword === "enum" && Array.isArray(allowed)) return `must be one of: ${allowed.map(String).join(", ")}`;
  if (error.keyword === "const") return `must be ${JSON.stringify(params["allowedValue"])}`;
  if (error.keyword === "type") return `must be ${withArticle(String(params["type"]))}`;
  return error.message ?? `fails the '${error.keyword}' check`;
}

/** The `description` a schema gives for its values, used as "must be <description>". */
function describedAs(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null || !("description" in schema)) return undefined;
  return typeof schema.description === "string" ? schema.description : undefined;
}

function knownFields(schema: unknown): string[] {
  if (typeof schema !== "object" || schema === null || !("properties" in schema)) return [];
  const properties = schema.properties;
  return typeof properties === "object" && properties !== null ? Object.keys(properties) : [];
}

/** `'retention.maxAge'` for `/retention/maxAge`; `the document` for the root. */
function label(pointer: string): string {
  return pointer === "" ? "the document" : `'${parsePointer(pointer).join(".")}'`;
}

function inside(pointer: string): string {
  return pointer === "" ? "" : ` in ${label(pointer)}`;
}

/** Longest text quoted back in a message; a pasted certificate need not be repeated. */
const QUOTE_MAX = 60;

/** ` (got 'x')` for a scalar that failed, ` (got a list)` for collections. */
function got(value: unknown): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return " (got a list)";
  if (value !== null && typeof value === "object") return " (got a mapping)";
  if (typeof value !== "string") return ` (got ${String(value)})`;
  const text = value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value;
  return ` (got '${text}')`;
}

/** `a mapping`, `a string or a number`: JSON Schema type names as a person reads them. */
function withArticle(types: string): string {
  const names: Record<string, string> = { object: "a mapping", array: "a list", null: "null", integer: "a whole number" };
  return types
    .split(",")
    .map((type) => names[type] ?? `a ${type}`)
    .join(" or ");
}
