// Most actions of the Tencent Cloud pack are one API call: build the request from the input,
// call, return the API's response. This builds such an action from what differs — its ref,
// product, API action, input schema and request — so each reads as a short declaration.
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { ActionDefinition } from "../types.js";
import { REGION } from "./schemas.js";
import type { TencentApi, TencentProduct } from "./tencent-api.js";

/** How long one call may take unless the task says otherwise. */
export const API_ACTION_TIMEOUT_MS = 60_000;

/** What makes one single-call action. */
export interface ApiActionSpec<Input extends { region: string }> {
  ref: string;
  description: string;
  product: TencentProduct;
  /** The API action, e.g. `DescribeInstances`. */
  action: string;
  /** The input's properties besides `region`, and which of them are required. */
  properties: JsonObject;
  required?: readonly string[];
  /** The API request for an input; may throw a ValidationError for input it cannot use. */
  request(input: Input): object;
  /** What the log says the call was about, e.g. the instance ids. */
  subject?(input: Input): string;
}

/** An action that makes one call and returns the API's response (`RequestId` and the action's fields). */
export function apiAction<Input extends { region: string } & JsonValue>(api: TencentApi, spec: ApiActionSpec<Input>): ActionDefinition<Input> {
  return {
    ref: spec.ref,
    description: spec.description,
    inputSchema: {
      type: "object",
      additionalProperties: false,
      required: ["region", ...(spec.required ?? [])],
      properties: { region: REGION, ...spec.properties },
    },
    timeoutMs: API_ACTION_TIMEOUT_MS,
    secrets: api.secretNames,
    run: async (input, ctx) => {
      const response = await api.call(spec.ref, ctx, spec.product, spec.action, input.region, spec.request(input));
      const subject = spec.subject ? ` ${spec.subject(input)}` : "";
      ctx.log.info(`${spec.action}${subject} in ${input.region}: RequestId ${String(response["RequestId"] ?? "-")}`);
      return response;
    },
  };
}
