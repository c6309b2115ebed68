// The fleet refuses operations in cloud-neutral words (`SimOperationError` NotFound,
// IncorrectState, …); Tencent Cloud says the same thing with a code per product and case. This
// picks the code a real CVM, CBS or TAT endpoint would answer, looking at the resource the
// error is about (an instance's current state decides between `InstanceStateStopped` and
// `InstanceStateRebooting`, which callers treat differently: the pack retries the latter).
import type { SimFleetApi, SimInstanceState, SimOperationError } from "./types.js";
import { TencentApiError } from "./tencent-params.js";

/** The products the simulator answers for, by the first label of their host. */
export type TencentProduct = "cvm" | "cbs" | "tat";

/** Tencent's word for each state, in `UnsupportedOperation.InstanceState<Word>`. */
const STATE_WORDS: Record<SimInstanceState, string> = {
  PENDING: "Pending",
  RUNNING: "Running",
  STOPPING: "Stopping",
  STOPPED: "Stopped",
  STARTING: "Starting",
  REBOOTING: "Rebooting",
  RELEASED: "Terminated",
};

/** The TencentApiError a product answers for `err`. */
export function tencentErrorOf(err: SimOperationError, product: TencentProduct, fleet: SimFleetApi): TencentApiError {
  const resource = err.resource ?? "";
  switch (err.code) {
    case "NotFound":
      return new TencentApiError(notFoundCode(resource, product), err.message);
    case "IncorrectState": {
      const state = instanceState(fleet, resource);
      if (state === undefined) return new TencentApiError(product === "cbs" ? "UnsupportedOperation.StateError" : "ResourceInUse", err.message);
      if (product === "cbs") return new TencentApiError("UnsupportedOperation.InstanceNotStopped", err.message);
      if (product === "tat") return new TencentApiError(state === "RUNNING" ? "ResourceUnavailable.AgentStatusNotOnline" : "ResourceUnavailable.InstanceStateNotRunning", err.message);
      return new TencentApiError(`UnsupportedOperation.InstanceState${STATE_WORDS[state]}`, err.message);
    }
    case "InvalidParameter":
      return new TencentApiError("InvalidParameterValue", err.message);
    case "Unsupported":
      return new TencentApiError("UnsupportedOperation", err.message);
  }
}

/** The not-found code for a resource id, by its prefix and the product asked. */
export function notFoundCode(resource: string, product: TencentProduct): string {
  if (resource.startsWith("ins-")) return product === "tat" ? "ResourceNotFound.InstanceNotFound" : "InvalidInstanceId.NotFound";
  if (resource.startsWith("disk-")) return "InvalidDiskId.NotFound";
  if (resource.startsWith("snap-")) return "InvalidSnapshotId.NotFound";
  if (resource.startsWith("inv-")) return "ResourceNotFound.InvocationNotFound";
  return "ResourceNotFound";
}

function instanceState(fleet: SimFleetApi, id: string): SimInstanceState | undefined {
  if (id === "") return undefined;
  try {
    return fleet.instance(id).state;
  } catch {
    return undefined;
  }
}
