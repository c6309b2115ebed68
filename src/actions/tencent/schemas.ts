// Input schema pieces the Tencent Cloud actions share — region, id lists, filters, paging —
// and the conversion of `filters` to the API's `Filters`, so every action words them alike.
import { ValidationError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";

/** A region such as `ap-guangzhou` or `na-siliconvalley`. */
export const REGION: JsonObject = { type: "string", pattern: "^[a-z]+(-[a-z0-9]+)+$", description: "the region, e.g. ap-guangzhou" };

/** A list of 1 to `max` resource ids. */
export function idList(what: string, max = 100): JsonObject {
  return { type: "array", minItems: 1, maxItems: max, uniqueItems: true, items: { type: "string", minLength: 1, maxLength: 64 }, description: `${what} ids (1 to ${max})` };
}

/** A filter list as the Describe* APIs take it: `[{name, values}]`. */
export const FILTERS: JsonObject = {
  type: "array",
  maxItems: 10,
  items: {
    type: "object",
    additionalProperties: false,
    required: ["name", "values"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: 64 },
      values: { type: "array", minItems: 1, maxItems: 5, items: { type: "string" } },
    },
  },
};

/** Paging of the Describe* APIs. */
export const OFFSET: JsonObject = { type: "integer", minimum: 0 };
export const LIMIT: JsonObject = { type: "integer", minimum: 1, maximum: 100 };

/** One filter of an input. */
export type FilterInput = { name: string; values: string[] };

/**
 * The API's `Filters`, refusing an input that gives both ids (`idsField`) and filters: the
 * Describe* APIs answer such a request with an error, which is better said before the call.
 */
export function describeFilters(ref: string, idsField: string, ids: readonly string[] | undefined, filters: readonly FilterInput[] | undefined): { Name: string; Values: string[] }[] | undefined {
  if (ids !== undefined && filters !== undefined) {
    throw new ValidationError(`${ref} input /filters: give ${idsField} or filters, not both (the API refuses both at once)`, { pointer: "/filters" });
  }
  return filters?.map((f) => ({ Name: f.name, Values: f.values }));
}
