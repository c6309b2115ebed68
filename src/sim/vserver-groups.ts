// Alibaba SLB vserver groups: which instances serve behind a load balancer. The preemptible
// drill turns on them — a reclaimed instance must have left its groups before it is released.
// Adding a backend that is already there updates its weight; removing one that is not there
// is a no-op, so a remediation that retries does not fail on its own earlier success.
import type { FleetContext } from "./fleet-context.js";
import { liveInstance } from "./instances.js";
import { uniqueSimId } from "./sim-ids.js";
import type { SimBackend, SimVServerGroup } from "./types.js";
import { SimOperationError } from "./types.js";

/** Groups matching the filter, in creation order. */
export function describeVServerGroups(ctx: FleetContext, filter: { loadBalancerId?: string; ids?: readonly string[] } = {}): SimVServerGroup[] {
  const ids = filter.ids !== undefined && filter.ids.length > 0 ? new Set(filter.ids) : undefined;
  return [...ctx.groups.values()]
    .filter((g) => (ids === undefined || ids.has(g.id)) && (filter.loadBalancerId === undefined || g.loadBalancerId === filter.loadBalancerId))
    .map(groupView);
}

/** Creates a group, with backends that must be live instances. */
export function createVServerGroup(
  ctx: FleetContext,
  spec: { loadBalancerId: string; name: string; region?: string; backends?: readonly SimBackend[] },
): SimVServerGroup {
  if (typeof spec.loadBalancerId !== "string" || spec.loadBalancerId === "") throw new SimOperationError("InvalidParameter", "loadBalancerId is required (e.g. \"lb-bp1…\")");
  if (typeof spec.name !== "string" || spec.name === "") throw new SimOperationError("InvalidParameter", "name is required: the vserver group's name");
  const backends = checkedBackends(ctx, spec.backends ?? []);
  const group: SimVServerGroup = { id: uniqueSimId("rsp-", 13, ctx.groups), name: spec.name, loadBalancerId: spec.loadBalancerId, region: spec.region ?? "cn-hangzhou", backends: [] };
  merge(group, backends);
  ctx.groups.set(group.id, group);
  return groupView(group);
}

/** Adds backends (or updates the weight of ones already there). */
export function addBackendServers(ctx: FleetContext, groupId: string, backends: readonly SimBackend[]): SimVServerGroup {
  const group = groupById(ctx, groupId);
  merge(group, checkedBackends(ctx, backends));
  return groupView(group);
}

/** Removes backends by server and port; ones not in the group are ignored. */
export function removeBackendServers(ctx: FleetContext, groupId: string, backends: readonly Pick<SimBackend, "serverId" | "port">[]): SimVServerGroup {
  const group = groupById(ctx, groupId);
  group.backends = group.backends.filter((b) => !backends.some((r) => r.serverId === b.serverId && r.port === b.port));
  return groupView(group);
}

/** Takes an instance out of every group; returns the ids of the groups it was in. */
export function removeFromAllGroups(ctx: FleetContext, instanceId: string): string[] {
  const left: string[] = [];
  for (const group of ctx.groups.values()) {
    const kept = group.backends.filter((b) => b.serverId !== instanceId);
    if (kept.length !== group.backends.length) left.push(group.id);
    group.backends = kept;
  }
  return left;
}

function groupById(ctx: FleetContext, groupId: string): SimVServerGroup {
  const group = ctx.groups.get(groupId);
  if (group === undefined) throw new SimOperationError("NotFound", `vserver group ${groupId} does not exist`, groupId);
  return group;
}

function checkedBackends(ctx: FleetContext, backends: readonly SimBackend[]): SimBackend[] {
  return backends.map((b, i) => {
    liveInstance(ctx, b.serverId);
    if (!Number.isInteger(b.port) || b.port < 1 || b.port > 65535) throw new SimOperationError("InvalidParameter", `backends[${i}].port must be 1-65535, got ${b.port}`, b.serverId);
    const weight = b.weight ?? 100;
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) throw new SimOperationError("InvalidParameter", `backends[${i}].weight must be 0-100, got ${weight}`, b.serverId);
    return { serverId: b.serverId, port: b.port, weight };
  });
}

function merge(group: SimVServerGroup, backends: readonly SimBackend[]): void {
  for (const backend of backends) {
    const existing = group.backends.find((b) => b.serverId === backend.serverId && b.port === backend.port);
    if (existing !== undefined) existing.weight = backend.weight;
    else group.backends.push({ ...backend });
  }
}

function groupView(group: SimVServerGroup): SimVServerGroup {
  return { ...group, backends: group.backends.map((b) => ({ ...b })) };
}
