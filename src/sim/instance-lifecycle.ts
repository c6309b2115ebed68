// The instance state machine on the fleet's timers: PENDING → RUNNING on creation,
// RUNNING → STOPPING → STOPPED → STARTING → RUNNING, RUNNING → REBOOTING → RUNNING, and
// RELEASED at the end. The API operations check states the way the clouds do (all ids of a
// call first, then act, so a refused call changes nothing); the `begin*` functions are the
// transitions themselves, which faults also use (a host recovery is a reboot nobody asked for).
// Every transition of an Alibaba instance emits its `Instance:StateChange` event.
import { aliyunStateChangeBody, ALIYUN_STATE_NAMES } from "./aliyun-events.js";
import { createDisksFor, systemDisk } from "./disks.js";
import type { BootCause, FleetContext, InstanceRecord } from "./fleet-context.js";
import { instanceTimer } from "./fleet-context.js";
import { distinctIds, liveInstance, requireState } from "./instances.js";
import { uniqueSimId } from "./sim-ids.js";
import type { SimInstanceSpec, SimInstanceState } from "./types.js";
import { SimOperationError } from "./types.js";
import { removeFromAllGroups } from "./vserver-groups.js";

const DEFAULT_REGION = { tencent: "ap-guangzhou", aliyun: "cn-hangzhou" } as const;

/** Creates instances: PENDING then RUNNING after bootMs, or straight in `spec.state`. */
export function createInstances(ctx: FleetContext, specs: readonly SimInstanceSpec[]): InstanceRecord[] {
  checkSpecs(ctx, specs);
  // Explicit ids and IPs are reserved before any is generated, so a generated one never takes them.
  const explicitIds = new Set(specs.flatMap((s) => (s.id === undefined ? [] : [s.id])));
  const taken = { has: (id: string) => ctx.instances.has(id) || explicitIds.has(id) };
  for (const spec of specs) if (spec.privateIp !== undefined) ctx.ips.claim(spec.privateIp);
  return specs.map((spec) => {
    const cloud = spec.cloud;
    const region = spec.region ?? DEFAULT_REGION[cloud];
    const id = spec.id ?? (cloud === "tencent" ? uniqueSimId("ins-", 8, taken) : uniqueSimId("i-", 20, taken));
    const privateIp = spec.privateIp ?? ctx.ips.allocate();
    const now = ctx.now();
    const instance: InstanceRecord = {
      id,
      cloud,
      name: spec.name ?? `${cloud}-${ctx.instances.size + 1}`,
      region,
      zone: spec.zone ?? (cloud === "tencent" ? `${region}-3` : `${region}-h`),
      privateIp,
      state: "PENDING",
      stateSince: now,
      tags: { ...spec.tags },
      preemptible: spec.preemptible ?? false,
      processName: spec.process ?? "app",
      processRunning: false,
      restarts: 0,
      panicked: false,
      networkDown: false,
      diskIds: [],
      createdAt: now,
      timers: new Set(),
    };
    ctx.instances.set(id, instance);
    createDisksFor(ctx, instance, spec.dataDisks ?? 0);
    emitState(ctx, instance, "PENDING");
    if (spec.state === "RUNNING") boot(ctx, instance, "created");
    else if (spec.state === "STOPPED") setState(ctx, instance, "STOPPED");
    else instanceTimer(ctx, instance, ctx.timings.bootMs, () => boot(ctx, instance, "created"));
    return instance;
  });
}

/** StartInstances: each must be STOPPED. */
export function startInstances(ctx: FleetContext, ids: readonly string[]): void {
  for (const instance of checked(ctx, ids, ["STOPPED"], "StartInstances")) beginStart(ctx, instance);
}

/** StopInstances: each must be RUNNING (`force` is accepted; a simulated guest always powers off). */
export function stopInstances(ctx: FleetContext, ids: readonly string[]): void {
  for (const instance of checked(ctx, ids, ["RUNNING"], "StopInstances")) beginStop(ctx, instance);
}

/** RebootInstances: each must be RUNNING. */
export function rebootInstances(ctx: FleetContext, ids: readonly string[]): void {
  for (const instance of checked(ctx, ids, ["RUNNING"], "RebootInstances")) beginReboot(ctx, instance);
}

/** Releases instances in any state but RELEASED. */
export function releaseInstances(ctx: FleetContext, ids: readonly string[]): void {
  const instances = distinctIds(ids, "ReleaseInstances").map((id) => liveInstance(ctx, id));
  for (const instance of instances) releaseInstance(ctx, instance);
}

/** STOPPED → STARTING → RUNNING after bootMs. */
export function beginStart(ctx: FleetContext, instance: InstanceRecord): void {
  setState(ctx, instance, "STARTING");
  instanceTimer(ctx, instance, ctx.timings.bootMs, () => boot(ctx, instance, "started"));
}

/** RUNNING → STOPPING → STOPPED after stopMs. */
export function beginStop(ctx: FleetContext, instance: InstanceRecord): void {
  instance.processRunning = false;
  setState(ctx, instance, "STOPPING");
  instanceTimer(ctx, instance, ctx.timings.stopMs, () => {
    instance.panicked = false;
    setState(ctx, instance, "STOPPED");
  });
}

/** RUNNING → REBOOTING → RUNNING after rebootMs (Alibaba: Stopping, Starting half way, Running). */
export function beginReboot(ctx: FleetContext, instance: InstanceRecord): void {
  instance.processRunning = false;
  setState(ctx, instance, "REBOOTING");
  instanceTimer(ctx, instance, ctx.timings.rebootMs / 2, () => emitState(ctx, instance, "STARTING"));
  instanceTimer(ctx, instance, ctx.timings.rebootMs, () => boot(ctx, instance, "rebooted"));
}

/** Releases one instance: pending transitions cancelled, removed from SLB groups, RELEASED. */
export function releaseInstance(ctx: FleetContext, instance: InstanceRecord): void {
  for (const timer of instance.timers) ctx.timers.cancel(timer);
  instance.timers.clear();
  const groupIds = removeFromAllGroups(ctx, instance.id);
  instance.processRunning = false;
  instance.releasedAt = ctx.now();
  setState(ctx, instance, "RELEASED");
  ctx.hooks.released(instance, groupIds);
}

/**
 * Reaches RUNNING: a bad system-disk version panics (hung, unreachable, process down);
 * otherwise the business process comes up, unless the network is down.
 */
export function boot(ctx: FleetContext, instance: InstanceRecord, cause: BootCause): void {
  const disk = systemDisk(ctx, instance);
  instance.panicked = disk.badVersions.includes(disk.version);
  instance.processRunning = !instance.panicked && !instance.networkDown;
  setState(ctx, instance, "RUNNING");
  ctx.hooks.booted(instance, cause);
}

/** Moves to `state` now, emitting Alibaba's StateChange and telling the state listeners. */
export function setState(ctx: FleetContext, instance: InstanceRecord, state: SimInstanceState): void {
  instance.state = state;
  instance.stateSince = ctx.now();
  emitState(ctx, instance, state);
  for (const listener of [...ctx.stateListeners]) listener(instance);
}

function emitState(ctx: FleetContext, instance: InstanceRecord, state: SimInstanceState): void {
  if (instance.cloud !== "aliyun") return;
  const time = ctx.now();
  const body = aliyunStateChangeBody(instance, ALIYUN_STATE_NAMES[state], { userId: ctx.aliyunUserId, time });
  ctx.events.emit("aliyun", instance.id, body, new Date(time).toISOString());
}

function checked(ctx: FleetContext, ids: readonly string[], allowed: readonly SimInstanceState[], action: string): InstanceRecord[] {
  const instances = distinctIds(ids, action).map((id) => liveInstance(ctx, id));
  for (const instance of instances) requireState(instance, allowed, action);
  return instances;
}

function checkSpecs(ctx: FleetContext, specs: readonly SimInstanceSpec[]): void {
  const ids = new Set<string>();
  const ips = new Set<string>();
  specs.forEach((spec, i) => {
    const at = `instances[${i}]`;
    if (spec.cloud !== "tencent" && spec.cloud !== "aliyun") throw new SimOperationError("InvalidParameter", `${at}.cloud must be "tencent" or "aliyun", got ${JSON.stringify(spec.cloud)}`);
    if (spec.id !== undefined) {
      if (typeof spec.id !== "string" || spec.id === "") throw new SimOperationError("InvalidParameter", `${at}.id must be a non-empty string`);
      if (ctx.instances.has(spec.id) || ids.has(spec.id)) throw new SimOperationError("InvalidParameter", `${at}.id: instance ${spec.id} already exists`, spec.id);
      ids.add(spec.id);
    }
    if (spec.privateIp !== undefined) {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(spec.privateIp)) throw new SimOperationError("InvalidParameter", `${at}.privateIp ${JSON.stringify(spec.privateIp)} is not an IPv4 address`);
      if (ctx.ips.has(spec.privateIp) || ips.has(spec.privateIp)) throw new SimOperationError("InvalidParameter", `${at}.privateIp ${spec.privateIp} is already in use`);
      ips.add(spec.privateIp);
    }
    const dataDisks = spec.dataDisks ?? 0;
    if (!Number.isInteger(dataDisks) || dataDisks < 0 || dataDisks > 20) throw new SimOperationError("InvalidParameter", `${at}.dataDisks must be an integer 0-20, got ${dataDisks}`);
    if (spec.state !== undefined && spec.state !== "RUNNING" && spec.state !== "STOPPED") {
      throw new SimOperationError("InvalidParameter", `${at}.state must be "RUNNING" or "STOPPED" (or left out to go through PENDING), got ${JSON.stringify(spec.state)}`);
    }
  });
}
