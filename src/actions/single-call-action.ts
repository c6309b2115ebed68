// A cloud pack's typical action is one API call: build the call's parameters from the input,
// call, return the API's answer, and log its RequestId. The Tencent Cloud and Alibaba Cloud
// packs build such actions from what differs — ref, product, operation, input schema and
// parameters — through this one builder; only their API clients differ.
import type { JsonObject, JsonValue } from "../core/json.js";
import type { ActionContext, ActionDefinition } from "./types.js";

/** How long one call may take unless the task says otherwise. */
export const API_ACTION_TIMEOUT_MS = 60_000;

/** A cloud's API client as the builder uses it; `Params` is the shape of one call's parameters. */
export interface CloudApi<Product, Params> {
  /** The secrets (credentials) every call needs. */
  readonly secretNames: readonly string[];
  call(ref: string, ctx: ActionContext, product: Product, operation: string, region: string, params: Params): Promise<JsonObject>;
}

/** What makes one single-call action. */
export interface SingleCallSpec<Input extends { region: string }, Product, Params> {
  ref: string;
  description: string;
  product: Product;
  /** The API operation, e.g. `DescribeInstances`. */
  action: string;
  /** The input's properties besides `region`, and which of them are required. */
  properties: JsonObject;
  required?: readonly string[];
  /** The call's parameters for an input; may throw a ValidationError for input it cannot use. */
  params(input: Input): Params;
  /** What the log says the call was about, e.g. the instance ids. */
  subject?(input: Input): string;
}

/** An action that makes one call and returns the API's answer (`RequestId` and the operation's fields). */
export function singleCallAction<Input extends { region: string } & JsonValue, Product, Params>(
  api: CloudApi<Product, Params>,
  region: JsonObject,
  spec: SingleCallSpec<Input, Product, Params>,
): ActionDefinition<Input> {
  return {
    ref: spec.ref,
    description: spec.description,
    inputSchema: { type: "object", additionalProperties: false, required: ["region", ...(spec.required ?? [])], properties: { region, ...spec.properties } },
    timeoutMs: API_ACTION_TIMEOUT_MS,
    secrets: api.secretNames,
    run: async (input, ctx) => {
      const response = await api.call(spec.ref, ctx, spec.product, spec.action, input.region, spec.params(input));
      const subject = spec.subject ? ` ${spec.subject(input)}` : "";
      ctx.log.info(`${spec.action}${subject} in ${input.region}: RequestId ${String(response["RequestId"] ?? "-")}`);
      return response;
    },
  };
}
