// The fleet refuses operations in cloud-neutral words (`SimOperationError`); Alibaba Cloud's
// POP gateway answers with a code and an HTTP status. This picks the ones ECS and SLB use:
// an unknown instance is `InvalidInstanceId.NotFound` 404, an unknown vServer group
// `InvalidParameter` 400 ("The specified VServerGroupId does not exist"), an instance in the
// wrong state `IncorrectInstanceStatus` 403 — which callers retry while it is in transition.
import { AliyunApiError } from "./aliyun-call.js";
import type { SimOperationError } from "./types.js";

/** The AliyunApiError for `err`. */
export function aliyunErrorOf(err: SimOperationError): AliyunApiError {
  const resource = err.resource ?? "";
  switch (err.code) {
    case "NotFound":
      if (resource.startsWith("rsp-")) return new AliyunApiError(400, "InvalidParameter", `The specified VServerGroupId does not exist. (${err.message})`);
      if (resource.startsWith("i-")) return new AliyunApiError(404, "InvalidInstanceId.NotFound", `The specified InstanceId does not exist. (${err.message})`);
      return new AliyunApiError(404, "InvalidParameter.NotFound", err.message);
    case "IncorrectState":
      return new AliyunApiError(403, "IncorrectInstanceStatus", `The current status of the resource does not support this operation. (${err.message})`);
    case "InvalidParameter":
      return new AliyunApiError(400, "InvalidParameter", err.message);
    case "Unsupported":
      return new AliyunApiError(403, "OperationDenied", err.message);
  }
}
