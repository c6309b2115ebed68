// Most actions of the Tencent Cloud pack are one API call: build the request from the input,
// call, return the API's response. This builds such an action from what differs — its ref,
// product, API action, input schema and request — so each reads as a short declaration.
import type { JsonValue } from "../../core/json.js";
import { singleCallAction } from "../single-call-action.js";
import type { SingleCallSpec } from "../single-call-action.js";
import type { ActionDefinition } from "../types.js";
import { REGION } from "./schemas.js";
import type { TencentApi, TencentProduct } from "./tencent-api.js";

/** What makes one single-call action: `params` is the API request for an input. */
export type ApiActionSpec<Input extends { region: string }> = SingleCallSpec<Input, TencentProduct, object>;

/** An action that makes one call and returns the API's response (`RequestId` and the action's fields). */
export function apiAction<Input extends { region: string } & JsonValue>(api: TencentApi, spec: ApiActionSpec<Input>): ActionDefinition<Input> {
  return singleCallAction(api, REGION, spec);
}
