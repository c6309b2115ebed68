// The ECS (Elastic Compute Service) actions: look instances up, start, stop and reboot one —
// what a runbook does when a host stops answering. The result is the API's answer as the client
// returns it (`Instances.Instance`, `TotalCount`, `RequestId`). None of these operations takes a
// client token; starting a running instance or stopping a stopped one is refused by the API
// (`IncorrectInstanceStatus`), which this pack treats as retryable because it is also what an
// instance in transition (Starting, Stopping) answers.
import type { AnyActionDefinition } from "../registry.js";
import type { AliyunApi } from "./aliyun-api.js";
import { apiAction } from "./api-action.js";

/** Input of `aliyun.ecs.describe_instances`. */
export type DescribeInstancesInput = {
  region: string;
  instanceIds?: string[];
  status?: "Pending" | "Running" | "Starting" | "Stopping" | "Stopped";
  instanceName?: string;
  zoneId?: string;
  vpcId?: string;
  pageNumber?: number;
  pageSize?: number;
};
/** Input of `aliyun.ecs.start_instance`. */
export type InstanceInput = { region: string; instanceId: string };
/** Input of `aliyun.ecs.reboot_instance`. */
export type RebootInstanceInput = InstanceInput & { forceStop?: boolean };
/** Input of `aliyun.ecs.stop_instance`. */
export type StopInstanceInput = InstanceInput & { forceStop?: boolean; stoppedMode?: "StopCharging" | "KeepCharging" };

const ID = { type: "string", minLength: 1, maxLength: 64 };
const FORCE_STOP = { type: "boolean", description: "stop at once, like cutting the power (default false: ask the OS)" };

/** The ECS actions, calling through `api`. */
export function ecsActions(api: AliyunApi): AnyActionDefinition[] {
  return [
    apiAction<DescribeInstancesInput>(api, {
      ref: "aliyun.ecs.describe_instances",
      description: "Looks ECS instances up; returns {Instances: {Instance: [...]}, TotalCount, PageNumber, PageSize, RequestId}.",
      product: "ecs",
      action: "DescribeInstances",
      properties: {
        instanceIds: { type: "array", minItems: 1, maxItems: 100, uniqueItems: true, items: ID, description: "instance ids (1 to 100)" },
        status: { enum: ["Pending", "Running", "Starting", "Stopping", "Stopped"] },
        instanceName: { type: "string", minLength: 1, maxLength: 128, description: "the name; * matches any characters" },
        zoneId: ID,
        vpcId: ID,
        pageNumber: { type: "integer", minimum: 1 },
        pageSize: { type: "integer", minimum: 1, maximum: 100 },
      },
      params: (input) => ({
        InstanceIds: input.instanceIds && JSON.stringify(input.instanceIds),
        Status: input.status,
        InstanceName: input.instanceName,
        ZoneId: input.zoneId,
        VpcId: input.vpcId,
        PageNumber: input.pageNumber,
        PageSize: input.pageSize,
      }),
      subject: (input) => input.instanceIds?.join(", ") ?? "",
    }),
    apiAction<InstanceInput>(api, {
      ref: "aliyun.ecs.start_instance",
      description: "Starts a stopped ECS instance; returns {RequestId}.",
      product: "ecs",
      action: "StartInstance",
      properties: { instanceId: ID },
      required: ["instanceId"],
      params: (input) => ({ InstanceId: input.instanceId }),
      subject: (input) => input.instanceId,
    }),
    apiAction<StopInstanceInput>(api, {
      ref: "aliyun.ecs.stop_instance",
      description: "Stops an ECS instance; returns {RequestId}.",
      product: "ecs",
      action: "StopInstance",
      properties: {
        instanceId: ID,
        forceStop: FORCE_STOP,
        stoppedMode: { enum: ["StopCharging", "KeepCharging"], description: "whether a pay-as-you-go instance in a VPC keeps being charged while stopped" },
      },
      required: ["instanceId"],
      params: (input) => ({ InstanceId: input.instanceId, ForceStop: input.forceStop, StoppedMode: input.stoppedMode }),
      subject: (input) => input.instanceId,
    }),
    apiAction<RebootInstanceInput>(api, {
      ref: "aliyun.ecs.reboot_instance",
      description: "Reboots a running ECS instance; returns {RequestId}.",
      product: "ecs",
      action: "RebootInstance",
      properties: { instanceId: ID, forceStop: FORCE_STOP },
      required: ["instanceId"],
      params: (input) => ({ InstanceId: input.instanceId, ForceStop: input.forceStop }),
      subject: (input) => input.instanceId,
    }),
  ];
}
