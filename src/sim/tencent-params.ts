// Reading a Tencent Cloud API 3.0 request's parameters (the JSON body the SDK posts) the way
// the cloud checks them, and the error every check throws: `TencentApiError` carries the
// vendor's code (`MissingParameter`, `InvalidParameterValue`, `InvalidFilter`, …) and a
// message naming the parameter, which the protocol turns into `{"Response": {"Error": …}}`.
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";

/** A refusal in Tencent Cloud's words. */
export class TencentApiError extends Error {
  override readonly name = "TencentApiError";
  constructor(
    /** The vendor's code, e.g. `InvalidInstanceId.NotFound`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The filters of a Describe* request: name → accepted values. */
export type TencentFilters = ReadonlyMap<string, readonly string[]>;

/** An optional string parameter. */
export function optionalString(params: JsonObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidType(name, "a string", value);
  return value;
}

/** A required, non-empty string parameter. */
export function requiredString(params: JsonObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === "") throw new TencentApiError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
  return value;
}

/** An optional list of strings (`InstanceIds`); undefined when absent. */
export function optionalStrings(params: JsonObject, name: string, max = 100): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalidType(name, "an array of strings", value);
  if (value.length > max) throw new TencentApiError("InvalidParameterValue.LimitExceeded", `The number of \`${name}\` is ${value.length}, more than the limit ${max}.`);
  return value as string[];
}

/** A required, non-empty list of strings. */
export function requiredStrings(params: JsonObject, name: string, max = 100): string[] {
  const value = optionalStrings(params, name, max);
  if (value === undefined || value.length === 0) throw new TencentApiError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
  return value;
}

/** An optional boolean parameter. */
export function optionalBoolean(params: JsonObject, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidType(name, "a boolean", value);
  return value;
}

/** An optional whole number within [min, max], or `fallback`. */
export function integer(params: JsonObject, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalidType(name, "an integer", value);
  if (value < min || value > max) throw new TencentApiError("InvalidParameterValue", `The value of \`${name}\` is ${value}; it must be between ${min} and ${max}.`);
  return value;
}

/**
 * `Filters` as a map, checking each name against `known` (a name ending in `:` accepts any
 * suffix, as `tag:` does). Throws `InvalidParameterCombination` when `ids` were given too.
 */
export function filters(params: JsonObject, known: readonly string[], idsParam?: string): TencentFilters {
  const value = params["Filters"];
  const result = new Map<string, string[]>();
  if (value === undefined || value === null) return result;
  if (!Array.isArray(value)) throw invalidType("Filters", "an array of {Name, Values}", value);
  if (value.length > 10) throw new TencentApiError("InvalidFilterValue.LimitExceeded", `At most 10 Filters are allowed; ${value.length} were given.`);
  if (idsParam !== undefined && value.length > 0 && Array.isArray(params[idsParam]) && (params[idsParam] as JsonValue[]).length > 0) {
    throw new TencentApiError("InvalidParameterCombination", `\`${idsParam}\` and \`Filters\` cannot be specified at the same time.`);
  }
  value.forEach((filter, i) => {
    if (!isJsonObject(filter) || typeof filter["Name"] !== "string" || !Array.isArray(filter["Values"]) || filter["Values"].some((v) => typeof v !== "string")) {
      throw new TencentApiError("InvalidFilter", `Filters.${i} must be {"Name": string, "Values": [string, …]}.`);
    }
    const name = filter["Name"];
    if (!known.some((k) => (k.endsWith(":") ? name.startsWith(k) && name.length > k.length : name === k))) {
      throw new TencentApiError("InvalidFilter", `The filter \`${name}\` is not supported; supported: ${known.join(", ")}.`);
    }
    result.set(name, [...(result.get(name) ?? []), ...(filter["Values"] as string[])]);
  });
  return result;
}

/** True when `value` passes the filter `name` (a filter that is absent passes everything). */
export function passes(filterSet: TencentFilters, name: string, value: string | undefined): boolean {
  const wanted = filterSet.get(name);
  return wanted === undefined || (value !== undefined && wanted.includes(value));
}

/** One page of `items`. */
export function page<T>(items: readonly T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit);
}

function invalidType(name: string, expected: string, value: JsonValue): TencentApiError {
  return new TencentApiError("InvalidParameter", `The parameter \`${name}\` must be ${expected}; got ${JSON.stringify(value).slice(0, 80)}.`);
}
