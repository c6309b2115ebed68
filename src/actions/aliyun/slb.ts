// The SLB (Classic Load Balancer) actions on vServer groups: take backend servers out before
// working on them, put them back after, list a load balancer's groups and read a group's
// members — the load-balancer membership step of a rolling restart. `backendServers` is a list
// of objects in the input and the JSON string the API takes on the wire. The result is the
// API's answer (`BackendServers.BackendServer`, `VServerGroupId`, `RequestId`).
import type { JsonObject } from "../../core/json.js";
import type { AnyActionDefinition } from "../registry.js";
import type { AliyunApi } from "./aliyun-api.js";
import { apiAction } from "./api-action.js";

/** A backend server of a vServer group. */
export type BackendServerInput = { serverId: string; port: number; weight?: number; type?: "ecs" | "eni" | "eci"; serverIp?: string; description?: string };
/** Input of `aliyun.slb.add_vserver_group_backend_servers` and `remove_vserver_group_backend_servers`. */
export type BackendServersInput = { region: string; vServerGroupId: string; backendServers: BackendServerInput[] };
/** Input of `aliyun.slb.describe_vserver_group_attribute`. */
export type VServerGroupInput = { region: string; vServerGroupId: string };
/** Input of `aliyun.slb.describe_vserver_groups`. */
export type VServerGroupsInput = { region: string; loadBalancerId: string };

const GROUP_ID = { type: "string", minLength: 1, maxLength: 64, description: "the vServer group id (rsp-…)" };

/** The schema of `backendServers`; `withWeight` for adding (weight and description are set then). */
function backendServers(withWeight: boolean): JsonObject {
  return {
    type: "array",
    minItems: 1,
    maxItems: 20,
    description: "1 to 20 backend servers",
    items: {
      type: "object",
      additionalProperties: false,
      required: ["serverId", "port"],
      properties: {
        serverId: { type: "string", minLength: 1, maxLength: 64, description: "the ECS instance, ENI or ECI id" },
        port: { type: "integer", minimum: 1, maximum: 65535 },
        type: { enum: ["ecs", "eni", "eci"], description: "default ecs" },
        serverIp: { type: "string", minLength: 1, maxLength: 64, description: "needed for eni and eci" },
        ...(withWeight ? { weight: { type: "integer", minimum: 0, maximum: 100 }, description: { type: "string", minLength: 1, maxLength: 80 } } : {}),
      },
    },
  };
}

/** The API's `BackendServers` parameter: a JSON array of servers with the API's field names. */
function backendServersParam(servers: readonly BackendServerInput[]): string {
  return JSON.stringify(
    servers.map((s) => ({ ServerId: s.serverId, Port: s.port, Weight: s.weight, Type: s.type, ServerIp: s.serverIp, Description: s.description })),
  );
}

const servers = (input: BackendServersInput): string => `${input.backendServers.map((s) => `${s.serverId}:${s.port}`).join(", ")} of ${input.vServerGroupId}`;

/** The SLB actions, calling through `api`. */
export function slbActions(api: AliyunApi): AnyActionDefinition[] {
  return [
    apiAction<BackendServersInput>(api, {
      ref: "aliyun.slb.remove_vserver_group_backend_servers",
      description: "Takes backend servers out of a vServer group; returns {VServerGroupId, BackendServers, RequestId}.",
      product: "slb",
      action: "RemoveVServerGroupBackendServers",
      properties: { vServerGroupId: GROUP_ID, backendServers: backendServers(false) },
      required: ["vServerGroupId", "backendServers"],
      params: (input) => ({ VServerGroupId: input.vServerGroupId, BackendServers: backendServersParam(input.backendServers) }),
      subject: servers,
    }),
    apiAction<BackendServersInput>(api, {
      ref: "aliyun.slb.add_vserver_group_backend_servers",
      description: "Puts backend servers into a vServer group; returns {VServerGroupId, BackendServers, RequestId}.",
      product: "slb",
      action: "AddVServerGroupBackendServers",
      properties: { vServerGroupId: GROUP_ID, backendServers: backendServers(true) },
      required: ["vServerGroupId", "backendServers"],
      params: (input) => ({ VServerGroupId: input.vServerGroupId, BackendServers: backendServersParam(input.backendServers) }),
      subject: servers,
    }),
    apiAction<VServerGroupInput>(api, {
      ref: "aliyun.slb.describe_vserver_group_attribute",
      description: "Reads a vServer group and its backend servers; returns {VServerGroupId, VServerGroupName, LoadBalancerId, BackendServers, RequestId}.",
      product: "slb",
      action: "DescribeVServerGroupAttribute",
      properties: { vServerGroupId: GROUP_ID },
      required: ["vServerGroupId"],
      params: (input) => ({ VServerGroupId: input.vServerGroupId }),
      subject: (input) => input.vServerGroupId,
    }),
    apiAction<VServerGroupsInput>(api, {
      ref: "aliyun.slb.describe_vserver_groups",
      description: "Lists the vServer groups of a load balancer; returns {VServerGroups: {VServerGroup: [{VServerGroupId, VServerGroupName, ...}]}, RequestId}.",
      product: "slb",
      action: "DescribeVServerGroups",
      properties: { loadBalancerId: { type: "string", minLength: 1, maxLength: 64, description: "the load balancer id (lb-…)" } },
      required: ["loadBalancerId"],
      params: (input) => ({ LoadBalancerId: input.loadBalancerId }),
      subject: (input) => input.loadBalancerId,
    }),
  ];
}
