// What a failed Alibaba Cloud call becomes: an ActionError that keeps the cloud's error code,
// message and RequestId (in the message and as the result, `{Code, Message, RequestId}` as
// Alibaba answers it), says whether a retry may help — throttling, internal errors, busy or
// transitional resources yes; authentication, permission and parameter errors no — and, for the
// errors people meet most, what to do about it.
import type { JsonObject } from "../../core/json.js";
import { isJsonObject } from "../../core/json.js";
import { ActionError } from "../action-error.js";

/** Where a call failed, to word the error. */
export interface AliyunCallSite {
  ref: string;
  /** `ecs`, `slb`. */
  product: string;
  action: string;
  region: string;
  /** The names of the secrets holding the AccessKey ID and secret. */
  accessKeyId: string;
  accessKeySecret: string;
}

/** Codes (by prefix) for which the same call may succeed later. */
const RETRYABLE = [
  /^Throttling/,
  /^ServiceUnavailable/,
  /^InternalError/,
  /^UnknownError/,
  /^SystemBusy/,
  /^OperationBusy/,
  /^OperationConflict/,
  /^ServiceIsConfiguring/,
  /^BackendServer\.configuring/,
  /^VServerGroupProcessing/,
  /^IncorrectInstanceStatus/,
  /^LastTokenProcessing/,
];

/** The ActionError for an error `@alicloud/pop-core` rejected with during a call at `site`. */
export function aliyunError(err: unknown, site: AliyunCallSite): ActionError {
  const where = `${site.ref}: ${site.action} in ${site.region}`;
  const data = isObject(err) && isJsonObject(err["data"]) ? err["data"] : undefined;
  const code = data && typeof data["Code"] === "string" ? data["Code"] : undefined;
  if (data && code) {
    const message = typeof data["Message"] === "string" ? data["Message"] : "";
    const requestId = typeof data["RequestId"] === "string" ? data["RequestId"] : "";
    const result: JsonObject = { Code: code, Message: message, RequestId: requestId };
    const hint = hintFor(code, site);
    return new ActionError(`${where} failed: ${code}: ${message}${requestId ? ` (RequestId ${requestId})` : ""}${hint ? `. ${hint}` : ""}`, {
      code: "aliyun_api_error",
      retryable: RETRYABLE.some((pattern) => pattern.test(code)),
      result,
      cause: err,
    });
  }
  // The client parses every answer as JSON; a gateway's error page is not.
  if (isObject(err) && err["name"] === "SyntaxError") return new ActionError(`${where}: the endpoint answered something that is not JSON (a proxy or gateway error page?)`, { code: "aliyun_bad_response" });
  const message = err instanceof Error ? err.message : String(err);
  return new ActionError(`${where} got no answer: ${message}`, { code: "aliyun_unreachable", cause: err });
}

/** A sentence that says what to do about the commonest errors, or undefined. */
function hintFor(code: string, site: AliyunCallSite): string | undefined {
  if (code.startsWith("InvalidAccessKeyId")) {
    return `The AccessKey ID in secret ${site.accessKeyId} is unknown or disabled; check it in the RAM console (https://ram.console.aliyun.com/manage/ak) and set it again with \`reflex secrets set ${site.accessKeyId}\``;
  }
  if (code === "SignatureDoesNotMatch") return `The AccessKey secret does not belong to the AccessKey ID; set the pair again (secrets ${site.accessKeyId} and ${site.accessKeySecret})`;
  if (code.startsWith("InvalidTimeStamp")) return "This host's clock is more than 15 minutes away from Alibaba Cloud's; synchronise it (NTP)";
  if (code.startsWith("Forbidden") || code.startsWith("NoPermission") || code.endsWith("NoPermission")) {
    return `The RAM user or role of this AccessKey may not call ${site.product}:${site.action}; grant it in the RAM console (https://ram.console.aliyun.com/policies)`;
  }
  if (code.startsWith("Throttling")) return "The API is throttling this account; the task's retry will try again";
  if (code.endsWith(".NotFound") || code.endsWith("NotExist")) return `Check the id, and that it lives in region ${site.region}`;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
