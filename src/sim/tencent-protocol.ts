// Tencent Cloud API 3.0 on the simulator's port: a request is recognised by its `X-TC-Action`
// header, signed with TC3-HMAC-SHA256 for the service its Host names (`cvm`, `cbs`, `tat` —
// the pack and the SDK keep the product's host name while dialing the simulator), and carries
// its parameters as a JSON body. The answer is always HTTP 200 with `{"Response": {…,
// "RequestId"}}`, or `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`, as Tencent's
// endpoints answer.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { JsonObject } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { CBS_ACTIONS } from "./tencent-cbs.js";
import type { TencentHandler } from "./tencent-call.js";
import { CVM_ACTIONS } from "./tencent-cvm.js";
import { tencentErrorOf } from "./tencent-errors.js";
import type { TencentProduct } from "./tencent-errors.js";
import { TencentOperationLog } from "./tencent-operations.js";
import { TencentApiError } from "./tencent-params.js";
import { TAT_ACTIONS } from "./tencent-tat.js";
import { verifyTc3 } from "./tencent-tc3.js";
import type { SimCredentials, SimFleetApi } from "./types.js";
import { SimOperationError } from "./types.js";

/** Each product's API version and actions. */
const PRODUCTS: Record<TencentProduct, { version: string; actions: Readonly<Record<string, TencentHandler>> }> = {
  cvm: { version: "2017-03-12", actions: CVM_ACTIONS },
  cbs: { version: "2017-03-12", actions: CBS_ACTIONS },
  tat: { version: "2020-10-28", actions: TAT_ACTIONS },
};

/** A request as received. */
export interface TencentRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How the Tencent side of the simulator is set up. */
export interface TencentProtocolOptions {
  fleet: SimFleetApi;
  credentials: SimCredentials["tencent"];
  /** The clock signatures are checked against (default Date.now). */
  now?: () => number;
}

/** Answers Tencent Cloud API 3.0 requests; the result is the JSON body to send with HTTP 200. */
export function createTencentProtocol(options: TencentProtocolOptions): (request: TencentRequest) => { Response: Record<string, unknown> } {
  const operations = new TencentOperationLog();
  const now = options.now ?? Date.now;
  return (request) => {
    const requestId = randomUUID();
    try {
      const verdict = verifyTc3(request, { secretKeyOf: (id) => (id === options.credentials.secretId ? options.credentials.secretKey : undefined), now: now() });
      if (!verdict.ok) throw new TencentApiError(verdict.code, verdict.message);
      const product = productOf(verdict.service);
      const action = header(request.headers, "x-tc-action") ?? "";
      const version = header(request.headers, "x-tc-version");
      if (version === undefined || version === "") throw new TencentApiError("MissingParameter", "The request is missing a required parameter `Version` (header X-TC-Version).");
      if (version !== PRODUCTS[product].version) throw new TencentApiError("NoSuchVersion", `The API version \`${version}\` of ${product} does not exist; this endpoint answers ${PRODUCTS[product].version}.`);
      const handler = Object.hasOwn(PRODUCTS[product].actions, action) ? PRODUCTS[product].actions[action] : undefined;
      if (!handler) throw new TencentApiError("InvalidAction", `The action \`${action}\` is not found for ${product}; the simulator answers ${Object.keys(PRODUCTS[product].actions).join(", ")}.`);
      const region = header(request.headers, "x-tc-region");
      if (region === undefined || region === "") throw new TencentApiError("MissingParameter", "The request is missing a required parameter `Region` (header X-TC-Region).");
      const type = header(request.headers, "content-type") ?? "";
      if (request.method !== "POST" || !type.toLowerCase().startsWith("application/json")) {
        throw new TencentApiError("UnsupportedProtocol", `The simulator takes API 3.0 requests as POST with Content-Type application/json (the SDKs' default); ${request.method} with '${type}' is not simulated.`);
      }
      const params = parseParams(request.body);
      try {
        return { Response: { ...handler({ fleet: options.fleet, product, region, params, requestId, operations }), RequestId: requestId } };
      } catch (err) {
        if (err instanceof SimOperationError) throw tencentErrorOf(err, product, options.fleet);
        throw err;
      }
    } catch (err) {
      const error = err instanceof TencentApiError ? err : new TencentApiError("InternalError", `The simulator failed: ${err instanceof Error ? err.message : String(err)}`);
      return { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } };
    }
  };
}

function productOf(service: string): TencentProduct {
  if (Object.hasOwn(PRODUCTS, service)) return service as TencentProduct;
  throw new TencentApiError("InvalidAction", `The service \`${service}\` is not simulated; the simulator answers cvm, cbs and tat (the Host header or the credential scope names the service).`);
}

function parseParams(body: Buffer): JsonObject {
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TencentApiError("InvalidParameter", "The request body is not valid JSON; the simulator takes API 3.0 POST requests with Content-Type application/json.");
  }
  if (!isJsonObject(parsed)) throw new TencentApiError("InvalidParameter", "The request body must be a JSON object of parameters.");
  return parsed;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
