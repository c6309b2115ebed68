// SLB (Classic Load Balancer, API 2014-05-15) vServer groups as the simulator answers them:
// list a load balancer's groups, read a group's backend servers, add and remove servers —
// `BackendServers` travels as a JSON array string, as the aliyun pack sends it. Taking a
// preemptible instance out of its group before it is released is the remediation the fleet's
// `preemptible_interruption` fault waits for.
import type { AliyunCall, AliyunHandler } from "./aliyun-call.js";
import { AliyunApiError, jsonArray, required } from "./aliyun-call.js";
import type { SimBackend, SimVServerGroup } from "./types.js";

/** The SLB operations by name. */
export const SLB_ACTIONS: Readonly<Record<string, AliyunHandler>> = {
  DescribeVServerGroups: (call) => {
    const loadBalancerId = required(call, "LoadBalancerId");
    const groups = call.fleet.describeVServerGroups({ loadBalancerId }).filter((g) => g.region === call.region);
    if (groups.length === 0) throw new AliyunApiError(404, "InvalidLoadBalancerId.NotFound", `The specified LoadBalancerId does not exist. (${loadBalancerId} in ${call.region})`);
    return {
      VServerGroups: {
        VServerGroup: groups.map((g) => ({ VServerGroupId: g.id, VServerGroupName: g.name, AssociatedObjects: { Listeners: { Listener: [] }, Rules: { Rule: [] } } })),
      },
    };
  },
  DescribeVServerGroupAttribute: (call) => {
    const group = groupHere(call);
    return { VServerGroupId: group.id, VServerGroupName: group.name, LoadBalancerId: group.loadBalancerId, BackendServers: { BackendServer: group.backends.map(backendServer) } };
  },
  AddVServerGroupBackendServers: (call) => {
    const group = groupHere(call);
    const servers = backendServers(call, true);
    call.fleet.addBackendServers(group.id, servers);
    return { VServerGroupId: group.id, BackendServers: { BackendServer: servers.map(backendServer) } };
  },
  RemoveVServerGroupBackendServers: (call) => {
    const group = groupHere(call);
    const after = call.fleet.removeBackendServers(group.id, backendServers(call, false));
    return { VServerGroupId: group.id, BackendServers: { BackendServer: after.backends.map(backendServer) } };
  },
};

function groupHere(call: AliyunCall): SimVServerGroup {
  const id = required(call, "VServerGroupId");
  const group = call.fleet.describeVServerGroups({ ids: [id] }).find((g) => g.region === call.region);
  if (!group) throw new AliyunApiError(400, "InvalidParameter", `The specified VServerGroupId does not exist. (${id} in ${call.region})`);
  return group;
}

/** `BackendServers`, checked: 1 to 20 ECS instances of this region with a port (and a weight when adding). */
function backendServers(call: AliyunCall, adding: boolean): SimBackend[] {
  const list = jsonArray(call, "BackendServers");
  if (list === undefined || list.length === 0) throw new AliyunApiError(400, "MissingBackendServers", "BackendServers is mandatory for this action.");
  if (list.length > 20) throw new AliyunApiError(400, "InvalidParameter.BackendServers", `At most 20 backend servers per call; ${list.length} were given.`);
  return list.map((item, n) => {
    const where = `BackendServers[${n}]`;
    if (typeof item !== "object" || item === null) throw invalid(`${where} must be an object {ServerId, Port, Weight}`);
    const s = item as Record<string, unknown>;
    if (typeof s["ServerId"] !== "string" || s["ServerId"] === "") throw invalid(`${where}.ServerId must be an instance id`);
    const port = Number(s["Port"]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(`${where}.Port must be a port from 1 to 65535`);
    const weight = s["Weight"] === undefined ? 100 : Number(s["Weight"]);
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) throw invalid(`${where}.Weight must be a whole number from 0 to 100`);
    if (s["Type"] !== undefined && s["Type"] !== "ecs") throw invalid(`${where}.Type '${String(s["Type"])}' is not simulated; only ecs backends are`);
    if (adding && call.fleet.describeInstances({ ids: [s["ServerId"]], cloud: "aliyun", region: call.region }).length === 0) {
      throw new AliyunApiError(400, "InvalidParameter", `The specified backend server ${s["ServerId"]} does not exist in ${call.region}.`);
    }
    return { serverId: s["ServerId"], port, weight };
  });
}

function backendServer(b: SimBackend): Record<string, unknown> {
  return { ServerId: b.serverId, Port: b.port, Weight: b.weight, Type: "ecs", Description: "" };
}

function invalid(message: string): AliyunApiError {
  return new AliyunApiError(400, "InvalidParameter.BackendServers", `The specified parameter BackendServers is not valid: ${message}.`);
}
