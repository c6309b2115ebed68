// What a failed Tencent Cloud call becomes: an ActionError that keeps the cloud's error code,
// message and RequestId (in the message and as the result, so `next` conditions can test
// `result.Error.Code`), says whether a retry may help — throttling, internal errors and
// resources that are busy or in transition yes; authentication, permission and parameter
// errors no — and, for the errors people meet most, what to do about it.
import type { JsonObject } from "../../core/json.js";
import { ActionError } from "../action-error.js";

/** Where a call failed, to word the error. */
export interface TencentCallSite {
  ref: string;
  /** `cvm`, `cbs`, `tat`. */
  service: string;
  action: string;
  region: string;
  /** The names of the secrets holding the SecretId and the SecretKey. */
  secretId: string;
  secretKey: string;
}

/** Codes (by prefix) for which the same call may succeed later. */
const RETRYABLE = [
  /^RequestLimitExceeded/,
  /^InternalError/,
  /^ResourceInUse/,
  /^ResourceUnavailable/,
  /^ResourceInsufficient/,
  /OperationInProgress$/,
  /InstanceState(Pending|Starting|Stopping|Rebooting|ShuttingDown)$/,
];

/** The SDK's error (`TencentCloudSDKHttpException`) as far as this pack reads it. */
interface SdkError {
  message: string;
  code?: unknown;
  requestId?: unknown;
  httpCode?: unknown;
}

/** The ActionError for an error the SDK threw during a call at `site`. */
export function tencentError(err: unknown, site: TencentCallSite): ActionError {
  const sdk: SdkError = err instanceof Error ? err : { message: String(err) };
  const where = `${site.ref}: ${site.action} in ${site.region}`;
  if (typeof sdk.code === "string" && sdk.code !== "") {
    const requestId = typeof sdk.requestId === "string" ? sdk.requestId : "";
    const result: JsonObject = { Error: { Code: sdk.code, Message: sdk.message }, RequestId: requestId };
    const hint = hintFor(sdk.code, site);
    return new ActionError(`${where} failed: ${sdk.code}: ${sdk.message}${requestId ? ` (RequestId ${requestId})` : ""}${hint ? `. ${hint}` : ""}`, {
      code: "tencent_api_error",
      retryable: RETRYABLE.some((pattern) => pattern.test(sdk.code as string)),
      result,
      cause: err,
    });
  }
  if (typeof sdk.httpCode === "number") {
    return new ActionError(`${where}: the endpoint answered HTTP ${sdk.httpCode} ${sdk.message}`.trimEnd(), {
      code: "tencent_http_status",
      retryable: sdk.httpCode >= 500 || sdk.httpCode === 429 || sdk.httpCode === 408,
      cause: err,
    });
  }
  // node-fetch's unparsable body, or JSON without the API's `Response` envelope.
  if (err instanceof TypeError || (err instanceof Error && "type" in err && err.type === "invalid-json")) {
    return new ActionError(`${where}: the endpoint answered something that is not a Tencent Cloud API response (a proxy or gateway page?)`, { code: "tencent_bad_response", cause: err });
  }
  return new ActionError(`${where} got no answer: ${sdk.message}`, { code: "tencent_unreachable", cause: err });
}

/** A sentence that says what to do about the commonest errors, or undefined. */
function hintFor(code: string, site: TencentCallSite): string | undefined {
  const secrets = `secrets ${site.secretId} and ${site.secretKey}`;
  if (code === "AuthFailure.SecretIdNotFound" || code === "AuthFailure.InvalidSecretId") {
    return `The SecretId in secret ${site.secretId} is unknown or disabled; check it under API Keys in the CAM console (https://console.cloud.tencent.com/cam/capi) and set it again with \`reflex secrets set ${site.secretId}\``;
  }
  if (code === "AuthFailure.SignatureFailure") return `The SecretKey does not belong to the SecretId; set the pair again (${secrets})`;
  if (code === "AuthFailure.SignatureExpire") return "This host's clock is more than 5 minutes away from Tencent Cloud's; synchronise it (NTP)";
  if (code.startsWith("AuthFailure.UnauthorizedOperation") || code.startsWith("UnauthorizedOperation")) {
    return `The CAM user or role of this SecretId may not call ${site.service}:${site.action}; grant it in the CAM console (https://console.cloud.tencent.com/cam/policy)`;
  }
  if (code.endsWith("RoleNotFound")) {
    return "A service role this API needs does not exist; create the role the message names under Roles in the CAM console (https://console.cloud.tencent.com/cam/role)";
  }
  if (code.startsWith("RequestLimitExceeded")) return "The API is throttling this account; the task's retry will try again";
  if (code.startsWith("ResourceNotFound") || code.endsWith(".NotFound")) return `Check the id, and that it lives in region ${site.region}`;
  if (code === "UnsupportedRegion" || code === "InvalidParameterValue.Region") return `${site.service} is not offered in region ${site.region}`;
  return undefined;
}
