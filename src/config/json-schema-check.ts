// Checks that the JSON Schemas written in config (EventTypes' `schema`) are valid draft
// 2020-12 schemas, so a broken schema is reported when the config loads instead of failing
// later. Two steps: each schema against the meta-schema (every problem, at its pointer); then
// all schemas of a load compiled together in one fresh Ajv, as `events/event-types.ts` compiles
// them, which catches what the meta-schema cannot (a `$ref` to nowhere, a bad regex, two
// schemas with the same `$id`).
//
// Keywords the draft does not define are allowed, as the specification allows them; formats
// are those of `ajv-formats`.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ConfigProblem } from "./problem.js";
import type { ProblemLocator } from "./problem-locator.js";
import { schemaProblems } from "./schema-problems.js";

/** A schema found in a config document. */
export interface PlacedSchema {
  schema: Record<string, unknown>;
  /** JSON pointer of the schema in `doc`. */
  pointer: string;
  doc: ProblemLocator;
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  addFormats.default(ajv);
  return ajv;
}

/** Only validates schemas against the meta-schema, so it never holds a user schema. */
const metaValidator = newAjv();

/** The one dialect accepted in `$schema`. */
const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/** Every way `schema` breaks the JSON Schema 2020-12 meta-schema. */
export function checkJsonSchema({ schema, pointer, doc }: PlacedSchema): ConfigProblem[] {
  const dialect = schema["$schema"];
  if (dialect !== undefined && dialect !== DRAFT_2020_12 && dialect !== `${DRAFT_2020_12}#`) {
    return [doc.problem(`${pointer}/$schema`, `schemas here are JSON Schema draft 2020-12: set '$schema' to ${DRAFT_2020_12} or leave it out`)];
  }
  if (metaValidator.validateSchema(schema)) return [];
  return schemaProblems(metaValidator.errors ?? [], doc, pointer).map((p) => ({ ...p, message: `not a valid JSON Schema: ${p.message}` }));
}

/** Compiles `schemas` in order, together; a problem for each that does not compile. */
export function compileJsonSchemas(schemas: readonly PlacedSchema[]): ConfigProblem[] {
  const ajv = newAjv();
  const problems: ConfigProblem[] = [];
  for (const { schema, pointer, doc } of schemas) {
    try {
      ajv.compile(schema);
    } catch (err) {
      problems.push(doc.problem(pointer, `JSON Schema does not compile: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
  return problems;
}
