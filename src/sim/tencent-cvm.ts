// CVM (API 2017-03-12) as the simulator answers it: DescribeInstances — ids or filters,
// paging, each instance in the shape of the real `InstanceSet` (state, private IP, zone, tags,
// disks, `SPOTPAID` for a spot instance, the latest API operation) — and the asynchronous
// RebootInstances, StartInstances, StopInstances, which the fleet's state machine carries out.
import type { TencentCall, TencentHandler } from "./tencent-call.js";
import { instancesInRegion } from "./tencent-call.js";
import { filters, integer, optionalString, optionalStrings, page, passes, requiredStrings } from "./tencent-params.js";
import type { SimDisk, SimInstance } from "./types.js";
import { isoSeconds } from "./vendor-time.js";

const FILTERS = ["instance-id", "instance-name", "instance-state", "zone", "private-ip-address", "instance-charge-type", "project-id", "tag-key", "tag:"];

/** The CVM actions by name. */
export const CVM_ACTIONS: Readonly<Record<string, TencentHandler>> = {
  DescribeInstances: describeInstances,
  RebootInstances: (call) => operate(call, "RebootInstances", (ids) => call.fleet.rebootInstances(ids)),
  StartInstances: (call) => operate(call, "StartInstances", (ids) => call.fleet.startInstances(ids)),
  StopInstances: (call) => {
    const stopType = optionalString(call.params, "StopType");
    const force = stopType === "HARD" || call.params["ForceStop"] === true;
    return operate(call, "StopInstances", (ids) => call.fleet.stopInstances(ids, { force }));
  },
};

function describeInstances(call: TencentCall): Record<string, unknown> {
  const ids = optionalStrings(call.params, "InstanceIds");
  const filterSet = filters(call.params, FILTERS, "InstanceIds");
  const offset = integer(call.params, "Offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = integer(call.params, "Limit", 20, 1, 100);
  const matching = call.fleet
    .describeInstances({ cloud: "tencent", region: call.region, ...(ids && ids.length > 0 ? { ids } : {}) })
    .filter((i) => matches(i, filterSet));
  const shown = page(matching, offset, limit);
  const disks = shown.length === 0 ? [] : call.fleet.describeDisks({ instanceIds: shown.map((i) => i.id) });
  return { TotalCount: matching.length, InstanceSet: shown.map((i) => cvmInstance(call, i, disks.filter((d) => d.instanceId === i.id))) };
}

function matches(i: SimInstance, f: ReturnType<typeof filters>): boolean {
  if (!passes(f, "instance-id", i.id) || !passes(f, "instance-name", i.name) || !passes(f, "instance-state", i.state)) return false;
  if (!passes(f, "zone", i.zone) || !passes(f, "private-ip-address", i.privateIp) || !passes(f, "project-id", "0")) return false;
  if (!passes(f, "instance-charge-type", chargeType(i))) return false;
  const tagKeys = f.get("tag-key");
  if (tagKeys && !tagKeys.some((k) => k in i.tags)) return false;
  for (const [name, values] of f) {
    if (name.startsWith("tag:") && !values.includes(i.tags[name.slice(4)] ?? "\u0000")) return false;
  }
  return true;
}

/** An instance as `InstanceSet` holds it. */
function cvmInstance(call: TencentCall, i: SimInstance, disks: readonly SimDisk[]): Record<string, unknown> {
  const system = disks.find((d) => d.kind === "SYSTEM_DISK");
  return {
    Placement: { Zone: i.zone, ProjectId: 0, HostId: null },
    InstanceId: i.id,
    Uuid: uuidOf(i.id),
    InstanceType: "S5.MEDIUM4",
    CPU: 2,
    Memory: 4,
    RestrictState: "NORMAL",
    InstanceName: i.name,
    InstanceChargeType: chargeType(i),
    SystemDisk: system ? { DiskType: "CLOUD_PREMIUM", DiskId: system.id, DiskSize: system.sizeGb } : null,
    DataDisks: disks.filter((d) => d.kind === "DATA_DISK").map((d) => ({ DiskType: "CLOUD_PREMIUM", DiskId: d.id, DiskSize: d.sizeGb, DeleteWithInstance: true, Encrypt: false })),
    PrivateIpAddresses: [i.privateIp],
    PublicIpAddresses: null,
    InternetAccessible: { InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", InternetMaxBandwidthOut: 0, PublicIpAssigned: false },
    VirtualPrivateCloud: { VpcId: "vpc-sim0001", SubnetId: "subnet-sim0001", AsVpcGateway: false },
    ImageId: "img-eb30mz89",
    OsName: "TencentOS Server 3.1 (TK4)",
    SecurityGroupIds: ["sg-sim0001"],
    InstanceState: i.state === "RELEASED" ? "TERMINATING" : i.state,
    Tags: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })),
    CreatedTime: isoSeconds(i.createdAt),
    ExpiredTime: null,
    StopChargingMode: "NOT_APPLICABLE",
    ...call.operations.fieldsOf(i),
    DisasterRecoverGroupId: "",
    CamRoleName: "",
    IPv6Addresses: null,
  };
}

function chargeType(i: SimInstance): string {
  return i.preemptible ? "SPOTPAID" : "POSTPAID_BY_HOUR";
}

/** A stable UUID-shaped id per instance, as CVM's `Uuid` field has one. */
function uuidOf(id: string): string {
  const hex = Buffer.from(id.padEnd(16, "0")).toString("hex").slice(0, 32).padEnd(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An asynchronous operation on `InstanceIds`: every id must exist here; the fleet checks the states. */
function operate(call: TencentCall, action: string, run: (ids: string[]) => void): Record<string, unknown> {
  const ids = requiredStrings(call.params, "InstanceIds");
  instancesInRegion(call, ids);
  run(ids);
  call.operations.record(ids, action, call.requestId);
  return {};
}
