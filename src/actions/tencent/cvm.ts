// The CVM (Cloud Virtual Machine) actions: look instances up, reboot, start and stop them —
// what a runbook does first when a host stops answering. Each is one API call whose result is
// the API's response as the SDK returns it (`InstanceSet`, `TotalCount`, `RequestId`).
import type {
  DescribeInstancesRequest,
  RebootInstancesRequest,
  StartInstancesRequest,
  StopInstancesRequest,
} from "tencentcloud-sdk-nodejs-cvm/tencentcloud/services/cvm/v20170312/cvm_models.js";
import type { AnyActionDefinition } from "../registry.js";
import { apiAction } from "./api-action.js";
import { FILTERS, LIMIT, OFFSET, describeFilters, idList } from "./schemas.js";
import type { FilterInput } from "./schemas.js";
import type { TencentApi } from "./tencent-api.js";

/** Input of `tencent.cvm.describe_instances`. */
export type DescribeInstancesInput = { region: string; instanceIds?: string[]; filters?: FilterInput[]; offset?: number; limit?: number };
/** Input of `tencent.cvm.start_instances`. */
export type InstancesInput = { region: string; instanceIds: string[] };
/** Input of `tencent.cvm.reboot_instances`. */
export type RebootInstancesInput = InstancesInput & { stopType?: StopType };
/** Input of `tencent.cvm.stop_instances`. */
export type StopInstancesInput = InstancesInput & { stopType?: StopType; stoppedMode?: "KEEP_CHARGING" | "STOP_CHARGING" };

type StopType = "SOFT" | "HARD" | "SOFT_FIRST";

const INSTANCE_IDS = idList("instance");
const STOP_TYPE = { enum: ["SOFT", "HARD", "SOFT_FIRST"], description: "SOFT (the default) asks the OS; HARD cuts power; SOFT_FIRST tries SOFT, then HARD" };
const ids = (input: { instanceIds: string[] }): string => input.instanceIds.join(", ");

/** The CVM actions, calling through `api`. */
export function cvmActions(api: TencentApi): AnyActionDefinition[] {
  return [
    apiAction<DescribeInstancesInput>(api, {
      ref: "tencent.cvm.describe_instances",
      description: "Looks CVM instances up by id or filters; returns {TotalCount, InstanceSet, RequestId}.",
      product: "cvm",
      action: "DescribeInstances",
      properties: { instanceIds: INSTANCE_IDS, filters: FILTERS, offset: OFFSET, limit: LIMIT },
      params: (input) => ({
        InstanceIds: input.instanceIds,
        Filters: describeFilters("tencent.cvm.describe_instances", "instanceIds", input.instanceIds, input.filters),
        Offset: input.offset,
        Limit: input.limit,
      }) satisfies DescribeInstancesRequest,
      subject: (input) => (input.instanceIds ? ids({ instanceIds: input.instanceIds }) : ""),
    }),
    apiAction<RebootInstancesInput>(api, {
      ref: "tencent.cvm.reboot_instances",
      description: "Reboots CVM instances (SOFT by default); returns {RequestId}.",
      product: "cvm",
      action: "RebootInstances",
      properties: { instanceIds: INSTANCE_IDS, stopType: STOP_TYPE },
      required: ["instanceIds"],
      params: (input) => ({ InstanceIds: input.instanceIds, StopType: input.stopType }) satisfies RebootInstancesRequest,
      subject: ids,
    }),
    apiAction<InstancesInput>(api, {
      ref: "tencent.cvm.start_instances",
      description: "Starts stopped CVM instances; returns {RequestId}.",
      product: "cvm",
      action: "StartInstances",
      properties: { instanceIds: INSTANCE_IDS },
      required: ["instanceIds"],
      params: (input) => ({ InstanceIds: input.instanceIds }) satisfies StartInstancesRequest,
      subject: ids,
    }),
    apiAction<StopInstancesInput>(api, {
      ref: "tencent.cvm.stop_instances",
      description: "Stops CVM instances (SOFT by default); returns {RequestId}.",
      product: "cvm",
      action: "StopInstances",
      properties: {
        instanceIds: INSTANCE_IDS,
        stopType: STOP_TYPE,
        stoppedMode: { enum: ["KEEP_CHARGING", "STOP_CHARGING"], description: "whether a pay-as-you-go instance keeps being charged while stopped" },
      },
      required: ["instanceIds"],
      params: (input) => ({ InstanceIds: input.instanceIds, StopType: input.stopType, StoppedMode: input.stoppedMode }) satisfies StopInstancesRequest,
      subject: ids,
    }),
  ];
}
