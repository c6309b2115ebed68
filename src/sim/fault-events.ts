// What the outside world hears of a fault: Tencent's CloudEvent when it strikes (status "1")
// and when it is resolved (status "0"), and the fleet's own onFault listeners at injection,
// clearing and failure. Alibaba faults speak through state changes and their own notices.
import type { FaultRecord, FleetContext, InstanceRecord } from "./fleet-context.js";
import { tencentEventBody, TENCENT_FAULT_EVENT_TYPES } from "./tencent-events.js";
import type { SimFault } from "./types.js";

/** The metric a `disk_usage_high` alarm reports, on the disk it filled. */
export interface DiskUsageReading {
  value: number;
  mountPoint: string;
}

/** Emits the Tencent event of a fault on a Tencent instance; nothing for other clouds. */
export function emitTencentFaultEvent(ctx: FleetContext, instance: InstanceRecord, fault: FaultRecord, status: "1" | "0", usage?: DiskUsageReading): void {
  const type = TENCENT_FAULT_EVENT_TYPES[fault.kind];
  if (instance.cloud !== "tencent" || type === undefined) return;
  const additionalMsg: Record<string, unknown> = { faultId: fault.id };
  if (fault.kind === "unexpected_stop") additionalMsg.reason = "unexpected";
  if (fault.kind === "oom") additionalMsg.process = instance.processName;
  const data = usage === undefined ? undefined : { metric: "disk_usage", value: usage.value, unit: "%", mountPoint: usage.mountPoint };
  const time = ctx.now();
  const body = tencentEventBody({ instance, type, status, appId: ctx.appId, uin: ctx.uin, time, additionalMsg, ...(data === undefined ? {} : { data }) });
  ctx.events.emit("tencent", instance.id, body, new Date(time).toISOString());
}

/** Tells every onFault listener; one that throws does not stop the others. */
export function notifyFault(ctx: FleetContext, fault: FaultRecord): void {
  const view = faultView(fault);
  for (const listener of [...ctx.faultListeners]) {
    try {
      listener({ ...view });
    } catch {
      // A listener's failure is its own business.
    }
  }
}

/** The fault as the API shows it. */
export function faultView(fault: FaultRecord): SimFault {
  const view: SimFault = { id: fault.id, instanceId: fault.instanceId, kind: fault.kind, injectedAt: fault.injectedAt };
  if (fault.clearedAt !== undefined) view.clearedAt = fault.clearedAt;
  if (fault.clearedBy !== undefined) view.clearedBy = fault.clearedBy;
  if (fault.failedAt !== undefined) view.failedAt = fault.failedAt;
  if (fault.failure !== undefined) view.failure = fault.failure;
  return view;
}
