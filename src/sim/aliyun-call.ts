// What one Alibaba Cloud RPC operation handler gets — the fleet, the region, the request's
// parameters (query and form, already signature-checked), its RequestId — and how it reads
// and refuses them: `AliyunApiError` carries the vendor's HTTP status and code
// (`MissingInstanceId` 400, `InvalidInstanceId.NotFound` 404, `IncorrectInstanceStatus` 403),
// which the protocol turns into `{"RequestId", "HostId", "Code", "Message", "Recommend"}`.
import type { SimFleetApi, SimInstance } from "./types.js";

/** A refusal in Alibaba Cloud's words. */
export class AliyunApiError extends Error {
  override readonly name = "AliyunApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One operation call, as a handler sees it. */
export interface AliyunCall {
  fleet: SimFleetApi;
  /** `RegionId`. */
  region: string;
  params: URLSearchParams;
  requestId: string;
}

/** An operation: the answer's fields besides `RequestId`. */
export type AliyunHandler = (call: AliyunCall) => Record<string, unknown>;

/** A required parameter. */
export function required(call: AliyunCall, name: string): string {
  const value = call.params.get(name);
  if (value === null || value === "") throw new AliyunApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  return value;
}

/** A whole-number parameter within [min, max], or `fallback`. */
export function wholeNumber(call: AliyunCall, name: string, fallback: number, min: number, max: number): number {
  const text = call.params.get(name);
  if (text === null || text === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new AliyunApiError(400, `InvalidParameter.${name}`, `The specified parameter ${name} is not valid: '${text}' is not a whole number from ${min} to ${max}.`);
  return n;
}

/** A parameter holding a JSON array (`InstanceIds`, `BackendServers`), parsed; undefined when absent. */
export function jsonArray(call: AliyunCall, name: string): unknown[] | undefined {
  const text = call.params.get(name);
  if (text === null || text === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AliyunApiError(400, `InvalidParameter.${name}`, `The specified parameter ${name} is not valid: it must be a JSON array, e.g. ["i-bp67acfmxazb4p****"].`);
  }
  if (!Array.isArray(parsed)) throw new AliyunApiError(400, `InvalidParameter.${name}`, `The specified parameter ${name} is not valid: it must be a JSON array.`);
  return parsed;
}

/** The Alibaba instance `id` in the call's region, or the 404 the ECS API answers. */
export function instanceHere(call: AliyunCall, id: string): SimInstance {
  const found = call.fleet.describeInstances({ ids: [id], cloud: "aliyun", region: call.region })[0];
  if (!found) throw new AliyunApiError(404, "InvalidInstanceId.NotFound", `The specified InstanceId does not exist. (${id} in ${call.region})`);
  return found;
}
