// Alibaba Cloud RPC on the simulator's port: a request is recognised by its `Action`
// parameter (in the query, or in the form body the aliyun pack posts), signed with HMAC-SHA1
// (signature v1.0, a fresh `SignatureNonce` each time), and routed by `Version`: 2014-05-26 is
// ECS, 2014-05-15 SLB. Success is HTTP 200 with `{"RequestId", …}`; a refusal carries the
// vendor's status and `{"RequestId", "HostId", "Code", "Message", "Recommend"}`.
import { randomUUID } from "node:crypto";
import { AliyunApiError } from "./aliyun-call.js";
import type { AliyunHandler } from "./aliyun-call.js";
import { ECS_ACTIONS } from "./aliyun-ecs.js";
import { aliyunErrorOf } from "./aliyun-errors.js";
import { verifyAliyunRpcSignature } from "./aliyun-rpc-signature.js";
import { SLB_ACTIONS } from "./aliyun-slb.js";
import { NonceCache } from "./nonce-cache.js";
import type { SimCredentials, SimFleetApi } from "./types.js";
import { SimOperationError } from "./types.js";

const NONCE_WINDOW_MS = 15 * 60_000;

/** Each API version's product and operations. */
const VERSIONS: Record<string, { product: "ecs" | "slb"; actions: Readonly<Record<string, AliyunHandler>> }> = {
  "2014-05-26": { product: "ecs", actions: ECS_ACTIONS },
  "2014-05-15": { product: "slb", actions: SLB_ACTIONS },
};

/** How the Alibaba side of the simulator is set up. */
export interface AliyunProtocolOptions {
  fleet: SimFleetApi;
  credentials: SimCredentials["aliyun"];
  /** The clock timestamps are checked against (default Date.now). */
  now?: () => number;
}

/** An answer: HTTP status and JSON body. */
export interface AliyunReply {
  status: number;
  body: Record<string, unknown>;
}

/** Answers RPC requests, given the method and the parameters of query and form together. */
export function createAliyunProtocol(options: AliyunProtocolOptions): (method: string, params: URLSearchParams) => AliyunReply {
  const now = options.now ?? Date.now;
  const nonces = new NonceCache(NONCE_WINDOW_MS, now);
  return (method, params) => {
    const requestId = randomUUID().toUpperCase();
    const version = params.get("Version") ?? "";
    const product = Object.hasOwn(VERSIONS, version) ? VERSIONS[version] : undefined;
    const host = product?.product === "slb" ? "slb.aliyuncs.com" : `ecs.${params.get("RegionId") || "cn-hangzhou"}.aliyuncs.com`;
    try {
      const verdict = verifyAliyunRpcSignature(
        { method, params },
        {
          secretOf: (id) => (id === options.credentials.accessKeyId ? options.credentials.accessKeySecret : undefined),
          now: now(),
          useNonce: (id, nonce) => nonces.use(id, nonce),
        },
      );
      if (!verdict.ok) throw new AliyunApiError(verdict.status, verdict.code, verdict.message);
      if (!product) throw new AliyunApiError(400, "InvalidVersion", `Specified parameter Version is not valid: '${version}'; the simulator answers ECS 2014-05-26 and SLB 2014-05-15.`);
      const action = params.get("Action") ?? "";
      const handler = Object.hasOwn(product.actions, action) ? product.actions[action] : undefined;
      if (!handler) throw new AliyunApiError(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method. (${action} of ${product.product}; the simulator answers ${Object.keys(product.actions).join(", ")})`);
      const region = params.get("RegionId");
      if (region === null || region === "") throw new AliyunApiError(400, "MissingRegionId", "RegionId is mandatory for this action.");
      try {
        return { status: 200, body: { RequestId: requestId, ...handler({ fleet: options.fleet, region, params, requestId }) } };
      } catch (err) {
        if (err instanceof SimOperationError) throw aliyunErrorOf(err);
        throw err;
      }
    } catch (err) {
      const error = err instanceof AliyunApiError ? err : new AliyunApiError(500, "InternalError", `The simulator failed: ${err instanceof Error ? err.message : String(err)}`);
      return {
        status: error.status,
        body: { RequestId: requestId, HostId: host, Code: error.code, Message: error.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product?.product === "slb" ? "Slb" : "Ecs"}` },
      };
    }
  };
}
