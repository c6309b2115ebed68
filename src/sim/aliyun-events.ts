// Alibaba CloudMonitor ECS system events as the simulated cloud emits them:
// `Instance:StateChange` on every transition of an instance (Pending … Deleted) and
// `Instance:PreemptibleInstanceInterruption` before a spot instance is reclaimed. `eventTime`
// is in CloudMonitor's compact form at +08:00 (`20181226T220114.058+0800`).
import { randomUUID } from "node:crypto";
import type { InstanceRecord } from "./fleet-context.js";
import type { SimInstanceState } from "./types.js";

/** Alibaba's words for the fleet's states; a reboot is Stopping → Starting → Running. */
export const ALIYUN_STATE_NAMES: Readonly<Record<SimInstanceState, string>> = {
  PENDING: "Pending",
  RUNNING: "Running",
  STOPPING: "Stopping",
  STOPPED: "Stopped",
  STARTING: "Starting",
  REBOOTING: "Stopping",
  RELEASED: "Deleted",
};

/** Who and when of an Alibaba event. */
export interface AliyunEventContext {
  userId: string;
  /** Epoch milliseconds. */
  time: number;
}

/** `Instance:StateChange` with `state` in Alibaba's words (Running, Stopping, …, Deleted). */
export function aliyunStateChangeBody(instance: InstanceRecord, state: string, ctx: AliyunEventContext): Record<string, unknown> {
  return envelope(instance, "Instance:StateChange", "INFO", ctx, {
    resourceId: instance.id,
    resourceType: "ALIYUN::ECS::Instance",
    state,
  });
}

/** `Instance:PreemptibleInstanceInterruption`: the instance will be released. */
export function aliyunPreemptibleInterruptionBody(instance: InstanceRecord, ctx: AliyunEventContext): Record<string, unknown> {
  return envelope(instance, "Instance:PreemptibleInstanceInterruption", "WARN", ctx, { instanceId: instance.id, action: "delete" });
}

function envelope(instance: InstanceRecord, name: string, level: string, ctx: AliyunEventContext, content: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID().toUpperCase(),
    product: "ECS",
    resourceId: `acs:ecs:${instance.region}:${ctx.userId}:instance/${instance.id}`,
    level,
    instanceName: instance.name,
    regionId: instance.region,
    name,
    eventTime: compactTime(ctx.time),
    userId: ctx.userId,
    ver: "1.0",
    content,
  };
}

/** `20181226T220114.058+0800`: the time at UTC+8, as CloudMonitor writes it. */
export function compactTime(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}+0800`;
}
