// The EventType registry: for each declared (source, type) pair, the JSON Schema (draft
// 2020-12) its events' `data` must fit. Built once per configuration (every schema compiled
// up front, so a schema that cannot compile fails the build with the EventType's name, never
// an ingest) and swapped whole on reload. Ingest asks it for the first problem of an event,
// as a JSON pointer into the event (`/data/instanceId`) plus the schema keyword that failed.
//
// Like the config loader, keywords the draft does not define are allowed; formats are those
// of ajv-formats.
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { EventTypeSpec } from "../config/types.js";
import { ValidationError } from "../core/errors.js";
import type { CloudEvent } from "../core/event.js";
import { pointerSegment } from "../core/json.js";

/** Why an event's data does not fit its EventType. */
export interface SchemaProblem {
  /** JSON pointer into the event, e.g. `/data/instanceId`. */
  pointer: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `pattern`, …). */
  keyword: string;
  message: string;
}

interface Entry {
  spec: EventTypeSpec;
  validate: ValidateFunction | null;
}

/** The declared EventTypes of one configuration, with their schemas compiled. */
export class EventTypeRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Compiles every schema; throws a ValidationError naming the EventType whose schema does not compile. */
  constructor(specs: readonly EventTypeSpec[]) {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    // ajv-formats is CommonJS; under NodeNext its default import is the module object.
    addFormats.default(ajv);
    for (const spec of specs) {
      const key = keyOf(spec.source, spec.type);
      const earlier = this.entries.get(key);
      if (earlier) {
        throw new ValidationError(`EventType '${spec.name}' has the same source and type (${spec.source}, ${spec.type}) as EventType '${earlier.spec.name}'; keep one`);
      }
      let validate: ValidateFunction | null = null;
      if (spec.schema !== undefined) {
        try {
          validate = ajv.compile(spec.schema);
        } catch (err) {
          throw new ValidationError(`EventType '${spec.name}': its schema does not compile: ${err instanceof Error ? err.message : String(err)}`, { pointer: "/schema" });
        }
      }
      this.entries.set(key, { spec, validate });
    }
  }

  /** True when an EventType is declared for the event's source and type. */
  known(event: CloudEvent): boolean {
    return this.entries.has(keyOf(event.source, event.type));
  }

  /**
   * The first way the event's data does not fit its EventType's schema, or null when it fits
   * or no schema applies. An event without data is checked as if its data were null.
   */
  check(event: CloudEvent): SchemaProblem | null {
    const validate = this.entries.get(keyOf(event.source, event.type))?.validate;
    if (!validate || validate(event.data ?? null)) return null;
    const error = validate.errors?.[0];
    if (!error) return { pointer: "/data", keyword: "schema", message: "does not match the schema" };
    return describe(error);
  }
}

function keyOf(source: string, type: string): string {
  return `${source}\u0000${type}`;
}

/** Ajv's error as a pointer into the event; for a missing property, the property's own pointer. */
function describe(error: ErrorObject): SchemaProblem {
  let pointer = `/data${error.instancePath}`;
  const missing: unknown = error.params.missingProperty;
  if (error.keyword === "required" && typeof missing === "string") pointer += `/${pointerSegment(missing)}`;
  return { pointer, keyword: error.keyword, message: error.message ?? `fails the ${error.keyword} keyword` };
}
