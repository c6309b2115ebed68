// CVM's DescribeInstances tells what was last done to an instance through the API
// (`LatestOperation` StopInstances, `LatestOperationState` OPERATING → SUCCESS,
// `LatestOperationRequestId`), which scripts poll after an asynchronous call. The fleet does
// not know about API calls, so the Tencent protocol keeps this small record itself.
import type { SimInstance } from "./types.js";

interface Operation {
  action: string;
  requestId: string;
}

/** Which state an instance is in while an operation on it is still under way. */
const IN_TRANSITION: ReadonlySet<string> = new Set(["PENDING", "STARTING", "STOPPING", "REBOOTING"]);

/** The last API operation per instance. */
export class TencentOperationLog {
  private readonly last = new Map<string, Operation>();

  /** Records that `action` (request `requestId`) was accepted for `ids`. */
  record(ids: readonly string[], action: string, requestId: string): void {
    for (const id of ids) this.last.set(id, { action, requestId });
  }

  /** The `LatestOperation*` fields of `instance`. */
  fieldsOf(instance: SimInstance): { LatestOperation: string; LatestOperationState: string; LatestOperationRequestId: string } {
    const op = this.last.get(instance.id) ?? { action: "RunInstances", requestId: "" };
    return { LatestOperation: op.action, LatestOperationState: IN_TRANSITION.has(instance.state) ? "OPERATING" : "SUCCESS", LatestOperationRequestId: op.requestId };
  }
}
