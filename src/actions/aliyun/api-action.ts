// Every action of the Alibaba Cloud pack is one API call: build the parameters from the input,
// call, return the API's answer. This builds such an action from what differs — its ref,
// product, API operation, input schema and parameters — so each reads as a short declaration.
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { ActionDefinition } from "../types.js";
import type { AliyunApi, AliyunParam } from "./aliyun-api.js";
import type { AliyunProduct } from "./endpoint.js";

/** How long one call may take unless the task says otherwise. */
export const API_ACTION_TIMEOUT_MS = 60_000;

/** A region such as `cn-hangzhou` or `ap-southeast-1`. */
export const REGION: JsonObject = { type: "string", pattern: "^[a-z]+(-[a-z0-9]+)+$", description: "the region, e.g. cn-hangzhou" };

/** What makes one action. */
export interface ApiActionSpec<Input extends { region: string }> {
  ref: string;
  description: string;
  product: AliyunProduct;
  /** The API operation, e.g. `StartInstance`. */
  action: string;
  /** The input's properties besides `region`, and which of them are required. */
  properties: JsonObject;
  required?: readonly string[];
  /** The operation's parameters for an input (`RegionId` is added). */
  params(input: Input): Readonly<Record<string, AliyunParam>>;
  /** What the log says the call was about, e.g. the instance id. */
  subject?(input: Input): string;
}

/** An action that makes one call and returns the API's answer (`RequestId` and the operation's fields). */
export function apiAction<Input extends { region: string } & JsonValue>(api: AliyunApi, spec: ApiActionSpec<Input>): ActionDefinition<Input> {
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
      const response = await api.call(spec.ref, ctx, spec.product, spec.action, input.region, spec.params(input));
      const subject = spec.subject ? ` ${spec.subject(input)}` : "";
      ctx.log.info(`${spec.action}${subject} in ${input.region}: RequestId ${String(response["RequestId"] ?? "-")}`);
      return response;
    },
  };
}
