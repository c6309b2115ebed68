// Realistic operations events for the rules benchmark, as parsed CloudEvents envelopes (what
// the rule index sees after ingest): Tencent Cloud CVM alarms as EventBridge delivers them,
// Alibaba Cloud ECS instance events as its EventBridge delivers them, and Alertmanager alerts
// (one event per alert). Each is about a member of the fleet, so rules about that member can
// match it.
import type { JsonObject } from "../src/core/json.js";
import type { AlertTarget, CvmInstance, EcsInstance, Fleet } from "./rules-fleet.js";
import type { Random } from "./rules-random.js";

/** Tencent CVM event types: failures, then metric alarms (which carry `currentValue`). */
export const CVM_ERROR_TYPES = [
  "cvm:ErrorEvent:PingUnreachable",
  "cvm:ErrorEvent:GuestReboot",
  "cvm:ErrorEvent:DiskReadonly",
  "cvm:ErrorEvent:GuestOom",
  "cvm:ErrorEvent:GuestCoreDump",
  "cvm:ErrorEvent:GuestKernelPanic",
] as const;
export const CVM_ALARM_TYPES = ["cvm:AlarmEvent:CpuUsage", "cvm:AlarmEvent:MemUsage", "cvm:AlarmEvent:DiskUsage"] as const;
export const ECS_STATE_CHANGE = "ecs:Instance:StateChange";
export const ECS_OTHER_TYPES = ["ecs:Instance:SystemMaintenance.Reboot", "ecs:Instance:SystemFailure.Reboot", "ecs:Instance:PreemptibleInstanceInterruption"] as const;
export const ECS_STATES = ["Pending", "Starting", "Running", "Stopping", "Stopped", "Deleted"] as const;
/** Alert names with their usual severity. */
export const ALERTS = [
  ["KubePodCrashLooping", "warning"],
  ["KubePodNotReady", "warning"],
  ["KubeDeploymentReplicasMismatch", "warning"],
  ["KubeContainerWaiting", "warning"],
  ["CPUThrottlingHigh", "info"],
  ["KubeHpaMaxedOut", "warning"],
  ["NodeFilesystemSpaceFillingUp", "critical"],
  ["NodeMemoryHighUtilization", "warning"],
  ["NodeHighNumberConntrackEntriesUsed", "warning"],
  ["TargetDown", "warning"],
  ["PostgresReplicationLag", "critical"],
  ["RedisDown", "critical"],
  ["HighErrorRate", "critical"],
  ["HighLatencyP99", "warning"],
  ["CertificateExpiringSoon", "warning"],
  ["KafkaConsumerLagHigh", "critical"],
] as const;
export const ALERT_NAMES = ALERTS.map(([name]) => name);

const BASE_TIME = Date.parse("2026-11-20T00:00:00Z");

/** `count` events about fleet members: 40 % CVM, 30 % ECS, 30 % Alertmanager. */
export function opsEvents(fleet: Fleet, random: Random, count: number): JsonObject[] {
  return Array.from({ length: count }, (_, i) => {
    const time = new Date(BASE_TIME + i * 1_000).toISOString();
    const id = `${random.token(8)}-${random.token(4)}-${random.token(4)}-${random.token(12)}`;
    const roll = random.next();
    if (roll < 0.4) return cvmEvent(random.pick(fleet.cvm), random, id, time);
    if (roll < 0.7) return ecsEvent(random.pick(fleet.ecs), random, id, time);
    return alertEvent(random.pick(fleet.pods), random, id, time);
  });
}

function cvmEvent(ins: CvmInstance, random: Random, id: string, time: string): JsonObject {
  const alarm = random.chance(0.5);
  const type = alarm ? random.pick(CVM_ALARM_TYPES) : random.pick(CVM_ERROR_TYPES);
  const resource = `qcs::cvm:${ins.region}:uin/1251234567:instance/${ins.id}`;
  const data: JsonObject = {
    instanceId: ins.id,
    instanceName: ins.name,
    privateIp: ins.privateIp,
    metrics: { cpuUsage: random.between(0, 1000) / 10, memUsage: random.between(0, 1000) / 10, load1: random.between(0, 800) / 100 },
  };
  if (type === "cvm:ErrorEvent:DiskReadonly") data.diskId = random.pick(ins.diskIds);
  if (alarm) {
    Object.assign(data, {
      alarmPolicyId: `policy-${random.token(8)}`,
      metricName: type.slice("cvm:AlarmEvent:".length),
      threshold: 80,
      currentValue: random.between(700, 1000) / 10,
      unit: "%",
    });
  }
  return {
    specversion: "1.0",
    id,
    source: "cvm.cloud.tencent",
    type,
    subject: ins.id,
    time,
    datacontenttype: "application/json",
    region: ins.region,
    status: random.chance(0.85) ? "1" : "0",
    resource: [resource],
    tags: { team: ins.team, env: random.chance(0.8) ? "prod" : "staging" },
    data,
  };
}

function ecsEvent(ins: EcsInstance, random: Random, id: string, time: string): JsonObject {
  const stateChange = random.chance(0.75);
  const data: JsonObject = stateChange
    ? { resourceId: ins.id, resourceType: "ALIYUN::ECS::Instance", regionId: ins.region, instanceName: ins.name, state: random.pick(ECS_STATES), privateIp: ins.privateIp }
    : { instanceId: ins.id, instanceName: ins.name, eventId: `e-${random.token(18)}`, eventStatus: random.pick(["Scheduled", "Executing", "Executed"]), notBefore: time };
  return {
    specversion: "1.0",
    id,
    source: "acs.ecs",
    type: stateChange ? ECS_STATE_CHANGE : random.pick(ECS_OTHER_TYPES),
    subject: `acs:ecs:${ins.region}:1234567890123456:instance/${ins.id}`,
    time,
    datacontenttype: "application/json;charset=utf-8",
    aliyunaccountid: "1234567890123456",
    aliyunregionid: ins.region,
    aliyuneventbusname: "default",
    data,
  };
}

function alertEvent(pod: AlertTarget, random: Random, id: string, time: string): JsonObject {
  const [alertname, usual] = random.pick(ALERTS);
  const firing = random.chance(0.8);
  const severity = random.chance(0.85) ? usual : random.pick(["info", "warning", "critical"]);
  const annotations: JsonObject = {
    summary: `${alertname} on ${pod.pod}`,
    description: `${alertname} has been active for more than 5 minutes on ${pod.instance} (${pod.namespace}/${pod.pod}).`,
  };
  if (random.chance(0.5)) annotations.runbook_url = `https://runbooks.example.com/${alertname.toLowerCase()}`;
  return {
    specversion: "1.0",
    id,
    source: "alertmanager",
    type: firing ? "alertmanager.alert.firing" : "alertmanager.alert.resolved",
    subject: `${pod.namespace}/${pod.pod}`,
    time,
    datacontenttype: "application/json",
    data: {
      status: firing ? "firing" : "resolved",
      labels: { alertname, severity, cluster: pod.cluster, namespace: pod.namespace, pod: pod.pod, instance: pod.instance, job: pod.job },
      annotations,
      startsAt: time,
      endsAt: firing ? "0001-01-01T00:00:00Z" : time,
      fingerprint: random.token(16),
      generatorURL: `http://prometheus.${pod.cluster}.example.com/graph?g0.expr=ALERTS%7Balertname%3D%22${alertname}%22%7D`,
    },
  };
}
