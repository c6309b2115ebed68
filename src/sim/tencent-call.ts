// What one Tencent Cloud API action handler gets — the fleet, the request's region and
// parameters, its RequestId — and what it returns (the fields of `Response` besides
// `RequestId`). Also the lookup every action starts with: the named instances, in this region,
// on this cloud, or the product's not-found error, as the real endpoints answer it.
import type { JsonObject } from "../core/json.js";
import { notFoundCode } from "./tencent-errors.js";
import type { TencentProduct } from "./tencent-errors.js";
import type { TencentOperationLog } from "./tencent-operations.js";
import { TencentApiError } from "./tencent-params.js";
import type { SimFleetApi, SimInstance } from "./types.js";

/** One API call, as a handler sees it. */
export interface TencentCall {
  fleet: SimFleetApi;
  product: TencentProduct;
  /** `X-TC-Region`. */
  region: string;
  /** The JSON body. */
  params: JsonObject;
  requestId: string;
  operations: TencentOperationLog;
}

/** An action: the `Response` fields it answers with (RequestId is added). */
export type TencentHandler = (call: TencentCall) => Record<string, unknown>;

/** The Tencent instances with these ids in the call's region, in the order asked; throws the not-found error for the first missing one. */
export function instancesInRegion(call: TencentCall, ids: readonly string[]): SimInstance[] {
  const found = call.fleet.describeInstances({ ids, cloud: "tencent", region: call.region });
  return ids.map((id) => {
    const instance = found.find((i) => i.id === id);
    if (!instance) throw new TencentApiError(notFoundCode("ins-", call.product), `The instance \`${id}\` is not found in region ${call.region}.`);
    return instance;
  });
}

/** The ids of the Tencent instances in the call's region. */
export function instanceIdsInRegion(call: TencentCall): Set<string> {
  return new Set(call.fleet.describeInstances({ cloud: "tencent", region: call.region }).map((i) => i.id));
}
