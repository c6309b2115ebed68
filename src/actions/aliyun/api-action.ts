// Every action of the Alibaba Cloud pack is one API call: build the parameters from the input,
// call, return the API's answer. This builds such an action from what differs — its ref,
// product, API operation, input schema and parameters — so each reads as a short declaration.
import type { JsonObject, JsonValue } from "../../core/json.js";
import { singleCallAction } from "../single-call-action.js";
import type { SingleCallSpec } from "../single-call-action.js";
import type { ActionDefinition } from "../types.js";
import type { AliyunApi, AliyunParam } from "./aliyun-api.js";
import type { AliyunProduct } from "./endpoint.js";

/** A region such as `cn-hangzhou` or `ap-southeast-1`. */
export const REGION: JsonObject = { type: "string", pattern: "^[a-z]+(-[a-z0-9]+)+$", description: "the region, e.g. cn-hangzhou" };

/** What makes one action: the operation's parameters for an input (`RegionId` is added). */
export type ApiActionSpec<Input extends { region: string }> = SingleCallSpec<Input, AliyunProduct, Readonly<Record<string, AliyunParam>>>;

/** An action that makes one call and returns the API's answer (`RequestId` and the operation's fields). */
export function apiAction<Input extends { region: string } & JsonValue>(api: AliyunApi, spec: ApiActionSpec<Input>): ActionDefinition<Input> {
  return singleCallAction(api, REGION, spec);
}
