// Reads an approval's JSON Schema into the form the console can draw: an object whose
// properties are strings (enum → select, format → input type), numbers and integers
// (minimum/maximum), booleans and arrays of strings, each with its title, description, default
// and whether it is required. Whatever else a schema says — nested objects, anyOf, $ref, arrays
// of objects — is not guessed at: that property (or, when the top level itself is not a plain
// object, the whole answer) is edited as JSON, and the server checks it against the schema.

/** A JSON Schema as received: an object of keywords. */
export type JsonSchema = Readonly<Record<string, unknown>>;

interface FieldBase {
  /** The property name (the key in the response object). */
  key: string;
  /** `title`, else the key. */
  label: string;
  /** `description`, shown as help text. */
  description: string | undefined;
  required: boolean;
  /** `default`, as the schema gives it. */
  default: unknown;
}

/** Per-value checks of a string (also used for the items of a string list). */
export interface StringRules {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

/** A text value: a select when `options` is set, a textarea when `multiline`. */
export interface StringField extends FieldBase, StringRules {
  kind: "string";
  options?: readonly string[];
  multiline: boolean;
}

/** A number (`integer` true: whole numbers only). */
export interface NumberField extends FieldBase {
  kind: "number";
  integer: boolean;
  options?: readonly number[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

/** A yes/no value. */
export interface BooleanField extends FieldBase {
  kind: "boolean";
}

/** An array of strings: checkboxes when the items are an enum, else a list of inputs. */
export interface StringListField extends FieldBase {
  kind: "string-list";
  options?: readonly string[];
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
  item: StringRules;
}

/** A property the form does not draw: edited as JSON. */
export interface JsonField extends FieldBase {
  kind: "json";
  schema: JsonSchema;
  /** Why it is JSON, for the help text. */
  reason: string;
}

/** One property of the response. */
export type FieldSpec = StringField | NumberField | BooleanField | StringListField | JsonField;

/** What the form draws for a schema. */
export type FormModel =
  /** No schema (or `{}`/`true`): any response, optional. */
  | { kind: "free" }
  /** An object of properties. */
  | { kind: "fields"; fields: readonly FieldSpec[] }
  /** A schema the form does not draw: the whole response as JSON. */
  | { kind: "json"; schema: JsonSchema; reason: string };

const COMBINATORS = ["oneOf", "anyOf", "allOf", "not", "$ref", "$dynamicRef", "if", "then", "else", "const"];
const TOP_LEVEL_UNSUPPORTED = [...COMBINATORS, "patternProperties", "dependentSchemas", "dependentRequired", "propertyNames", "unevaluatedProperties", "minProperties", "maxProperties"];

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The one non-null type a schema names (`["string", "null"]` → string), or undefined. */
function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== "null");
    if (rest.length === 1 && typeof rest[0] === "string") return rest[0];
    return undefined;
  }
  // No type: an enum of one kind says it.
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    if (schema.enum.every((v) => typeof v === "string")) return "string";
    if (schema.enum.every((v) => typeof v === "number")) return "number";
  }
  return undefined;
}

function stringRules(schema: JsonSchema): StringRules {
  const rules: StringRules = {};
  const minLength = num(schema.minLength);
  const maxLength = num(schema.maxLength);
  const pattern = str(schema.pattern);
  const format = str(schema.format);
  if (minLength !== undefined) rules.minLength = minLength;
  if (maxLength !== undefined) rules.maxLength = maxLength;
  if (pattern !== undefined) rules.pattern = pattern;
  if (format !== undefined) rules.format = format;
  return rules;
}

function stringOptions(schema: JsonSchema): readonly string[] | undefined {
  return Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string") ? (schema.enum as string[]) : undefined;
}

/** The field for one property; a JSON field when it is something the form does not draw. */
export function fieldOf(key: string, raw: unknown, required: boolean): FieldSpec {
  const schema: JsonSchema = isSchema(raw) ? raw : {};
  const base = { key, label: str(schema.title) ?? key, description: str(schema.description), required, default: schema.default };
  const json = (reason: string): JsonField => ({ ...base, kind: "json", schema, reason });
  const combinator = COMBINATORS.find((k) => k in schema);
  if (combinator !== undefined) return json(`the schema uses '${combinator}'`);
  const type = typeOf(schema);
  switch (type) {
    case "string": {
      const rules = stringRules(schema);
      const options = stringOptions(schema);
      return { ...base, ...rules, kind: "string", ...(options === undefined ? {} : { options }), multiline: (rules.maxLength ?? 0) > 200 && options === undefined };
    }
    case "integer":
    case "number": {
      const field: NumberField = { ...base, kind: "number", integer: type === "integer" };
      if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "number")) field.options = schema.enum as number[];
      const bounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] as const;
      for (const b of bounds) {
        const v = num(schema[b]);
        if (v !== undefined) field[b] = v;
      }
      return field;
    }
    case "boolean":
      return { ...base, kind: "boolean" };
    case "array": {
      const items = isSchema(schema.items) ? schema.items : undefined;
      if (items === undefined || typeOf(items) !== "string" || COMBINATORS.some((k) => k in items)) return json("its items are not plain strings");
      const field: StringListField = { ...base, kind: "string-list", uniqueItems: schema.uniqueItems === true, item: stringRules(items) };
      const options = stringOptions(items);
      if (options !== undefined) field.options = options;
      const minItems = num(schema.minItems);
      const maxItems = num(schema.maxItems);
      if (minItems !== undefined) field.minItems = minItems;
      if (maxItems !== undefined) field.maxItems = maxItems;
      return field;
    }
    case "object":
      return json("it is an object");
    default:
      return json(type === undefined ? "the schema names no single type" : `type '${type}' has no form input`);
  }
}

/** The form for an approval's schema. */
export function formModelOf(schema: unknown): FormModel {
  if (schema === null || schema === undefined || schema === true) return { kind: "free" };
  if (!isSchema(schema)) return { kind: "json", schema: {}, reason: "the schema is not an object" };
  const keys = Object.keys(schema).filter((k) => !["$schema", "$id", "title", "description", "$comment", "examples"].includes(k));
  if (keys.length === 0) return { kind: "free" };
  const unsupported = TOP_LEVEL_UNSUPPORTED.find((k) => k in schema);
  if (unsupported !== undefined) return { kind: "json", schema, reason: `the schema uses '${unsupported}'` };
  const type = typeOf(schema);
  const properties = isSchema(schema.properties) ? schema.properties : undefined;
  if (type !== "object" && !(type === undefined && properties !== undefined)) {
    return { kind: "json", schema, reason: type === undefined ? "the schema names no single type" : `the response is a${/^[aeiou]/.test(type) ? "n" : ""} ${type}, not an object` };
  }
  // An object of free keys (a map) has nothing to draw.
  if (properties === undefined || Object.keys(properties).length === 0) return { kind: "json", schema, reason: "the schema lists no properties" };
  if (isSchema(schema.additionalProperties)) return { kind: "json", schema, reason: "the schema allows further properties of its own shape" };
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === "string") : []);
  return { kind: "fields", fields: Object.entries(properties).map(([key, sub]) => fieldOf(key, sub, required.has(key))) };
}
