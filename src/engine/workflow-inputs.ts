// The inputs an execution starts with: the caller's values, defaults for the rest, each
// checked against its JSON Schema. Unknown names and missing required ones are errors naming
// the input, so a typo in `reflex run … --input` is caught before anything runs.
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { WorkflowSpec } from "../config/workflow-types.js";
import { ValidationError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import { pointerSegment } from "../core/json.js";

const ajv = new Ajv2020({ allErrors: false, strict: false });
const validators = new Map<string, ValidateFunction>();

/** The inputs of an execution of `spec` given `given`; throws a ValidationError at `/input/<name>`. */
export function resolveInputs(spec: WorkflowSpec, given: JsonObject): JsonObject {
  const known = new Set(spec.input.map((p) => p.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const takes = known.size === 0 ? "it takes no inputs" : `it takes: ${[...known].join(", ")}`;
      throw new ValidationError(`workflow ${spec.name} has no input '${name}'; ${takes}`, { pointer: `/input/${pointerSegment(name)}` });
    }
  }
  const inputs: JsonObject = {};
  for (const param of spec.input) {
    const value = given[param.name] ?? param.default;
    const pointer = `/input/${pointerSegment(param.name)}`;
    if (value === undefined) {
      if (param.required) throw new ValidationError(`workflow ${spec.name} needs input '${param.name}'`, { pointer });
      continue;
    }
    if (param.schema) {
      const key = JSON.stringify(param.schema);
      let validate = validators.get(key);
      if (!validate) validators.set(key, (validate = ajv.compile(param.schema)));
      if (!validate(value)) {
        const first = validate.errors?.[0];
        const where = `${pointer}${first?.instancePath ?? ""}`;
        throw new ValidationError(`input '${param.name}' of workflow ${spec.name}: ${where} ${first?.message ?? "does not match its schema"} (schema keyword '${first?.keyword ?? "?"}')`, { pointer: where });
      }
    }
    inputs[param.name] = value;
  }
  return inputs;
}
