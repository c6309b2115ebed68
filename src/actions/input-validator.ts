// An action's input is checked against its JSON Schema (draft 2020-12) before the action runs,
// so `run` sees only input its schema admits and a person sees what to fix: the first problem,
// as a JSON pointer into the input and the schema keyword that failed. Schemas are compiled
// once, when the action is registered; a schema that does not compile fails registration.
//
// Ajv runs in strict mode (a misspelt keyword in a pack's schema is an error, not a silent
// no-op) and stops at the first error (cheaper on hostile input). Formats are those of
// ajv-formats, plus `reflex-duration` (`30s`, `10m`, `1h30m`), as in config files.
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { DURATION_FORMAT, isDuration } from "../core/duration.js";
import { ValidationError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { pointerSegment } from "../core/json.js";


/** Throws a ValidationError at the first way `input` does not fit the schema. */
export type InputValidator = (input: JsonValue) => void;

/** Compiles action input schemas, all with one Ajv. */
export class InputSchemas {
  private readonly ajv: Ajv2020;

  constructor() {
    this.ajv = new Ajv2020({ allErrors: false, verbose: true, strict: true, allowUnionTypes: true });
    // ajv-formats is CommonJS; under NodeNext its default import is the module object.
    addFormats.default(this.ajv);
    this.ajv.addFormat(DURATION_FORMAT, { type: "string", validate: isDuration });
  }

  /** The validator of `ref`'s input; throws a ValidationError when the schema does not compile. */
  compile(ref: string, schema: JsonObject): InputValidator {
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } catch (err) {
      throw new ValidationError(`action '${ref}': its input schema does not compile: ${err instanceof Error ? err.message : String(err)}`, undefined, "invalid_action_schema");
    }
    return (input) => {
      if (validate(input)) return;
      const { pointer, text, keyword } = describe(validate.errors ?? []);
      throw new ValidationError(`${ref} input ${pointer === "" ? "(the whole input)" : pointer}: ${text} (${keyword})`, { pointer }, "invalid_action_input");
    };
  }
}


/** Keywords whose failure Ajv reports after the failures inside them, which they explain better. */
const OUTER_KEYWORDS = new Set(["anyOf", "oneOf", "propertyNames"]);

interface Problem {
  pointer: string;
  text: string;
  keyword: string;
}

/**
 * The problem to report. A failed `anyOf`/`oneOf` is reported as itself (its schema's
 * `description` says what was expected), not as the failure of its first branch; a bad key
 * (`propertyNames`) at the key's own pointer.
 */
function describe(errors: readonly ErrorObject[]): Problem {
  const error = errors.findLast((e) => OUTER_KEYWORDS.has(e.keyword)) ?? errors[0];
  if (!error) return { pointer: "", text: "does not fit the schema", keyword: "schema" };
  const params: Record<string, unknown> = error.params;
  const at = error.instancePath;
  const missing = params["missingProperty"];
  if (error.keyword === "required" && typeof missing === "string") {
    return { pointer: `${at}/${pointerSegment(missing)}`, text: `missing required field '${missing}'`, keyword: "required" };
  }
  const extra = params["additionalProperty"];
  if (error.keyword === "additionalProperties" && typeof extra === "string") {
    const known = propertiesOf(error.parentSchema);
    const allowed = known.length > 0 ? `; allowed: ${known.join(", ")}` : "";
    return { pointer: `${at}/${pointerSegment(extra)}`, text: `unknown field '${extra}'${allowed}`, keyword: "additionalProperties" };
  }
  const name = params["propertyName"];
  if (error.keyword === "propertyNames" && typeof name === "string") {
    // Ajv puts the failure of the name's own schema just before this one.
    const inner = errors[errors.indexOf(error) - 1];
    const described = descriptionOf(inner?.parentSchema);
    const text = described === undefined ? (inner?.message ?? "is not allowed") : `must be ${described}`;
    return { pointer: `${at}/${pointerSegment(name)}`, text: `the name '${name}' ${text}`, keyword: "propertyNames" };
  }
  const values = params["allowedValues"];
  if (error.keyword === "enum" && Array.isArray(values)) {
    return { pointer: at, text: `must be one of: ${values.map((v) => JSON.stringify(v)).join(", ")}`, keyword: "enum" };
  }
  if (error.keyword === "anyOf" || error.keyword === "oneOf") {
    const described = descriptionOf(error.parentSchema);
    return { pointer: at, text: described === undefined ? `matches none of the allowed forms` : `must be ${described}`, keyword: error.keyword };
  }
  return { pointer: at, text: error.message ?? `fails the '${error.keyword}' check`, keyword: error.keyword };
}

function propertiesOf(schema: unknown): string[] {
  if (typeof schema !== "object" || schema === null || !("properties" in schema)) return [];
  const properties = schema.properties;
  return typeof properties === "object" && properties !== null ? Object.keys(properties) : [];
}

function descriptionOf(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null || !("description" in schema)) return undefined;
  return typeof schema.description === "string" ? schema.description : undefined;
}
