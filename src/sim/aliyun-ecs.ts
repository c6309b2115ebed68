// ECS (API 2014-05-26) as the simulator answers it: DescribeInstances — `InstanceIds` as a
// JSON array string, `Status`, `InstanceName` (with `*`), `ZoneId`, `Tag.N.Key/Value`,
// paging — with each instance in the shape of the real `Instances.Instance` (Alibaba's
// `Running`, VPC private IP, `SpotStrategy`, tags, the `Recycling` lock of a preemptible
// instance about to be released), and StartInstance, StopInstance, RebootInstance.
import type { AliyunCall, AliyunHandler } from "./aliyun-call.js";
import { AliyunApiError, instanceHere, jsonArray, required, wholeNumber } from "./aliyun-call.js";
import type { SimInstance, SimInstanceState } from "./types.js";
import { isoMinutes } from "./vendor-time.js";

/** Alibaba's word for each state; a reboot shows as Starting (the events say Stopping → Starting → Running). */
const STATUS: Record<SimInstanceState, string> = {
  PENDING: "Pending",
  RUNNING: "Running",
  STOPPING: "Stopping",
  STOPPED: "Stopped",
  STARTING: "Starting",
  REBOOTING: "Starting",
  RELEASED: "Deleted",
};
const STATUSES = ["Pending", "Running", "Starting", "Stopping", "Stopped"];

/** The ECS operations by name. */
export const ECS_ACTIONS: Readonly<Record<string, AliyunHandler>> = {
  DescribeInstances: describeInstances,
  StartInstance: (call) => {
    call.fleet.startInstances([instanceHere(call, required(call, "InstanceId")).id]);
    return {};
  },
  StopInstance: (call) => {
    call.fleet.stopInstances([instanceHere(call, required(call, "InstanceId")).id], { force: call.params.get("ForceStop") === "true" });
    return {};
  },
  RebootInstance: (call) => {
    call.fleet.rebootInstances([instanceHere(call, required(call, "InstanceId")).id]);
    return {};
  },
};

function describeInstances(call: AliyunCall): Record<string, unknown> {
  const ids = jsonArray(call, "InstanceIds");
  if (ids !== undefined && (ids.length > 100 || ids.some((id) => typeof id !== "string"))) {
    throw new AliyunApiError(400, "InvalidParameter.InstanceIds", "The specified parameter InstanceIds is not valid: at most 100 instance id strings.");
  }
  const status = call.params.get("Status");
  if (status !== null && status !== "" && !STATUSES.includes(status)) throw new AliyunApiError(400, "InvalidStatus.ValueNotSupported", `The specified Status '${status}' is not one of ${STATUSES.join(", ")}.`);
  const name = call.params.get("InstanceName");
  const zone = call.params.get("ZoneId");
  const tags = tagFilters(call.params);
  const pageNumber = wholeNumber(call, "PageNumber", 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = wholeNumber(call, "PageSize", 10, 1, 100);
  const matching = call.fleet
    .describeInstances({ cloud: "aliyun", region: call.region, ...(ids && ids.length > 0 ? { ids: ids as string[] } : {}) })
    .filter((i) =>
      (!status || STATUS[i.state] === status) &&
      (!name || nameMatches(name, i.name)) &&
      (!zone || i.zone === zone) &&
      tags.every(([key, value]) => key in i.tags && (value === undefined || i.tags[key] === value)),
    );
  const shown = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { TotalCount: matching.length, PageNumber: pageNumber, PageSize: pageSize, Instances: { Instance: shown.map(ecsInstance) } };
}

/** `Tag.N.Key` / `Tag.N.Value` pairs of the request. */
function tagFilters(params: URLSearchParams): [string, string | undefined][] {
  const pairs: [string, string | undefined][] = [];
  for (let n = 1; n <= 20; n++) {
    const key = params.get(`Tag.${n}.Key`);
    if (key !== null && key !== "") pairs.push([key, params.get(`Tag.${n}.Value`) ?? undefined]);
  }
  return pairs;
}

/** `InstanceName` matching: `*` stands for any characters. */
function nameMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return regex.test(name);
}

/** An instance as `Instances.Instance` holds it. */
function ecsInstance(i: SimInstance): Record<string, unknown> {
  const recycling = i.preemptible && i.activeFaults.includes("preemptible_interruption");
  return {
    InstanceId: i.id,
    InstanceName: i.name,
    HostName: i.name,
    Description: "",
    Status: STATUS[i.state],
    RegionId: i.region,
    ZoneId: i.zone,
    InstanceType: "ecs.g7.large",
    InstanceTypeFamily: "ecs.g7",
    Cpu: 2,
    Memory: 8192,
    ImageId: "aliyun_3_x64_20G_alibase_20240528.vhd",
    OSName: "Alibaba Cloud Linux 3.2104 LTS 64位",
    OSType: "linux",
    InstanceChargeType: "PostPaid",
    InternetChargeType: "PayByTraffic",
    SpotStrategy: i.preemptible ? "SpotAsPriceGo" : "NoSpot",
    SpotPriceLimit: 0,
    SpotInterruptionBehavior: "Terminate",
    InstanceNetworkType: "vpc",
    CreationTime: isoMinutes(i.createdAt),
    StartTime: isoMinutes(i.state === "RUNNING" ? i.stateSince : i.createdAt),
    ExpiredTime: "2099-12-31T15:59Z",
    VpcAttributes: { VpcId: "vpc-sim0001", VSwitchId: "vsw-sim0001", NatIpAddress: "", PrivateIpAddress: { IpAddress: [i.privateIp] } },
    PublicIpAddress: { IpAddress: [] },
    InnerIpAddress: { IpAddress: [] },
    EipAddress: { AllocationId: "", IpAddress: "", InternetChargeType: "" },
    SecurityGroupIds: { SecurityGroupId: ["sg-sim0001"] },
    Tags: { Tag: Object.entries(i.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
    OperationLocks: { LockReason: recycling ? [{ LockReason: "Recycling" }] : [] },
    DeletionProtection: false,
    IoOptimized: true,
  };
}
