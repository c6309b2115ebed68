// Tencent Cloud EventBridge CVM events as the simulated cloud emits them: CloudEvents with
// Tencent's habits (epoch-ms `time`, `region`/`status`/`resource`/`tags` at top level, a
// `data` block with appId, instanceId, projectId, the private IP as a dimension and an
// `additionalMsg`). One event with status "1" when a fault strikes, one with "0" when it clears.
import { randomUUID } from "node:crypto";
import type { InstanceRecord } from "./fleet-context.js";
import type { SimFaultKind } from "./types.js";

/** The faults Tencent reports, and the event type of each. */
export const TENCENT_FAULT_EVENT_TYPES: Readonly<Partial<Record<SimFaultKind, string>>> = {
  ping_unreachable: "cvm:ErrorEvent:PingUnreachable",
  disk_readonly: "cvm:ErrorEvent:DiskReadonly",
  kernel_fault: "cvm:ErrorEvent:GuestCoreError",
  oom: "cvm:ErrorEvent:GuestOom",
  instance_restarted: "cvm:ErrorEvent:InstanceRestarted",
  conn_limit_packet_loss: "cvm:ErrorEvent:CvmPacketDropedByQosConnectionSession",
  bandwidth_limit_packet_loss: "cvm:ErrorEvent:CvmPacketDropedByQosWanOutBandwidth",
  unexpected_stop: "cvm:OperationEvent:InstancePowerOff",
  disk_usage_high: "cvm:AlarmEvent:DiskUsage",
};

/** What a Tencent CVM event is about. */
export interface TencentEventInput {
  instance: InstanceRecord;
  type: string;
  /** "1" abnormal, "0" resolved. */
  status: "1" | "0";
  appId: string;
  uin: string;
  /** Epoch milliseconds. */
  time: number;
  additionalMsg: Record<string, unknown>;
  /** Fields added to `data` (a metric alarm's metric, value, unit). */
  data?: Record<string, unknown>;
}

/** The CloudEvent body of one Tencent CVM event. */
export function tencentEventBody(input: TencentEventInput): Record<string, unknown> {
  const { instance } = input;
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: "cvm.cloud.tencent",
    type: input.type,
    subject: instance.id,
    time: input.time,
    region: instance.region,
    resource: [`qcs::cvm:${instance.region}:uin/${input.uin}:instance/${instance.id}`],
    datacontenttype: "application/json;charset=utf-8",
    tags: { ...instance.tags },
    status: input.status,
    data: {
      appId: input.appId,
      instanceId: instance.id,
      projectId: "0",
      dimensions: { ip: instance.privateIp },
      additionalMsg: input.additionalMsg,
      ...input.data,
    },
  };
}
