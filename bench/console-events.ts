// The stored events of the console benchmark: what a week of a mid-sized fleet sends, as the
// clouds and Alertmanager send it — Tencent Cloud CVM events (EventBridge), Alibaba Cloud ECS
// events (CloudMonitor) and Prometheus Alertmanager notifications — turned into CloudEvents by
// Reflex's own source adapters, so the envelopes are the ones ingest would store. A seeded
// random generator makes every run store the same events (only their dates move with now).
import type { CloudEvent } from "../src/core/event.js";
import { adapters } from "../src/events/adapters/index.js";
import { eventTimeMs } from "../src/events/normalize.js";

/** One event ready for the store, with its event time and the time it was received. */
export interface SeedEvent {
  event: CloudEvent;
  timeMs: number;
  receivedMs: number;
}

/** A small, fast, seeded random generator (mulberry32): the same seed gives the same events. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fleet the events are about. */
export const FLEET = { cvm: 400, ecs: 150, hosts: 250 } as const;

/** The CVM instance id of fleet member `i` (the free-text and subject searches look one up). */
export function cvmInstanceId(i: number): string {
  return `ins-${(0x5a3c91 + i * 7919).toString(36)}`;
}

const REGIONS = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-singapore"];
const ALIYUN_REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen"];
const APPS = ["payments", "search", "checkout", "identity", "media", "orders", "ledger"];
/** Event types with their weights: metric alarms are common, error events rarer. */
const CVM_TYPES = weighted([
  ["cvm:ErrorEvent:PingUnreachable", 4],
  ["cvm:ErrorEvent:GuestCoreError", 2],
  ["cvm:ErrorEvent:DiskReadonly", 2],
  ["cvm:ErrorEvent:InstanceRestarted", 4],
  ["cvm:ErrorEvent:GuestReboot", 6],
  ["cvm:AlarmEvent:DiskUsage", 6],
  ["cvm:AlarmEvent:CpuUsage", 28],
  ["cvm:AlarmEvent:MemUsage", 28],
  ["cvm:AlarmEvent:LanOuttraffic", 20],
]);
const ECS_STATES = weighted([
  ["Starting", 30],
  ["Running", 30],
  ["Stopping", 15],
  ["Stopped", 15],
  ["Deleted", 10],
]);

/** A list in which each value appears as often as its weight, so a uniform pick honours the weights. */
function weighted(entries: readonly (readonly [string, number])[]): string[] {
  return entries.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}
const ALERTS = [
  { name: "HostHighCpuLoad", severity: "warning", summary: "CPU load above 90 % for 10 minutes" },
  { name: "HostOutOfMemory", severity: "critical", summary: "available memory below 5 %" },
  { name: "DiskWillFillIn4Hours", severity: "warning", summary: "filesystem predicted to fill within 4 hours" },
  { name: "TargetDown", severity: "critical", summary: "scrape target has been down for 5 minutes" },
  { name: "HTTP5xxRateHigh", severity: "critical", summary: "more than 5 % of requests answered 5xx" },
  { name: "KubePodCrashLooping", severity: "warning", summary: "pod restarting more than once every 10 minutes" },
];

/**
 * `count` events spread evenly over the `days` before `now` (with jitter), oldest first:
 * about half CVM, a fifth ECS, the rest Alertmanager alerts.
 */
export async function seedEvents(count: number, now: number, days: number, seed = 7): Promise<SeedEvent[]> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const span = days * 86_400_000;
  const start = now - span;
  const out: SeedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.round(start + ((i + random()) * span) / count);
    const roll = random();
    const raw = roll < 0.5 ? cvmRaw(i, at, random, pick) : roll < 0.7 ? ecsRaw(i, at, random, pick) : alertmanagerRaw(i, at, random, pick);
    const items = await adapters[raw.adapter](raw.body, { now: at });
    const item = items[0];
    if (!item?.ok) throw new Error(`the ${raw.adapter} adapter refused seed event ${i}: ${item && !item.ok ? item.error : "no item"}`);
    const timeMs = eventTimeMs(item.event);
    out.push({ event: item.event, timeMs, receivedMs: timeMs + 200 + Math.floor(random() * 2_000) });
  }
  return out;
}

type Raw = { adapter: "tencent" | "aliyun" | "alertmanager"; body: unknown };
type Pick = <T>(list: readonly T[]) => T;

function cvmRaw(i: number, at: number, random: () => number, pick: Pick): Raw {
  const n = Math.floor(random() * FLEET.cvm);
  const instanceId = cvmInstanceId(n);
  const region = REGIONS[n % REGIONS.length] ?? "ap-guangzhou";
  const app = APPS[n % APPS.length] ?? "ops";
  const type = pick(CVM_TYPES);
  const resource = `qcs::cvm:${region}:uin/1251234567:instance/${instanceId}`;
  const data: Record<string, unknown> = { instanceId, instanceName: `${app}-${n}`, privateIp: `10.${n % 8}.${(n * 3) % 250}.${(n * 11) % 250}` };
  if (type.startsWith("cvm:AlarmEvent:")) {
    const metric = type.slice("cvm:AlarmEvent:".length);
    const value = Math.round((70 + random() * 30) * 10) / 10;
    Object.assign(data, { alarmPolicyId: `policy-${(n * 104729).toString(36)}`, metricName: metric, threshold: 85, value, unit: metric === "LanOuttraffic" ? "Mbps" : "%" });
    if (metric === "DiskUsage") Object.assign(data, { mountPoint: pick(["/data", "/var/log", "/"]) });
  }
  return {
    adapter: "tencent",
    body: {
      specversion: "1.0",
      id: `cvm-${i.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
      source: "cvm.cloud.tencent",
      type,
      subject: resource,
      time: at,
      datacontenttype: "application/json",
      region,
      status: random() < 0.7 ? "1" : "0",
      resource: [resource],
      tags: { app, env: n % 5 === 0 ? "staging" : "prod", team: `team-${n % 9}` },
      data,
    },
  };
}

function ecsRaw(i: number, at: number, random: () => number, pick: Pick): Raw {
  const n = Math.floor(random() * FLEET.ecs);
  const regionId = ALIYUN_REGIONS[n % ALIYUN_REGIONS.length] ?? "cn-hangzhou";
  const instanceId = `i-bp1${(0x9f31 + n * 104729).toString(36)}`;
  const preempt = random() < 0.05;
  const content = preempt ? { instanceId, action: "delete" } : { resourceId: instanceId, resourceType: "ALIYUN::ECS::Instance", state: pick(ECS_STATES) };
  return {
    adapter: "aliyun",
    body: {
      id: `ecs-${i.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
      product: "ECS",
      name: preempt ? "Instance:PreemptibleInstanceInterruption" : "Instance:StateChange",
      level: preempt ? "WARN" : "INFO",
      regionId,
      resourceId: `acs:ecs:${regionId}:1827364512:instance/${instanceId}`,
      eventTime: at,
      userId: "1827364512",
      ver: "1.0",
      content,
    },
  };
}

function alertmanagerRaw(i: number, at: number, random: () => number, pick: Pick): Raw {
  const n = Math.floor(random() * FLEET.hosts);
  const alert = pick(ALERTS);
  const instance = `node-${n}.prod.internal:9100`;
  const firing = random() < 0.6;
  const labels = { alertname: alert.name, instance, job: n % 3 === 0 ? "kubernetes-nodes" : "node", severity: alert.severity, namespace: pick(APPS) };
  const startsAt = new Date(firing ? at : at - 600_000).toISOString();
  return {
    adapter: "alertmanager",
    body: {
      version: "4",
      receiver: "reflex",
      status: firing ? "firing" : "resolved",
      groupKey: `{}:{alertname="${alert.name}"}`,
      groupLabels: { alertname: alert.name },
      commonLabels: labels,
      commonAnnotations: { summary: alert.summary },
      externalURL: "http://alertmanager.prod.internal:9093",
      alerts: [
        {
          status: firing ? "firing" : "resolved",
          labels,
          annotations: { summary: alert.summary, description: `${alert.summary} on ${instance}`, runbook_url: `https://runbooks.internal/${alert.name}` },
          startsAt,
          endsAt: firing ? "0001-01-01T00:00:00Z" : new Date(at).toISOString(),
          generatorURL: `http://prometheus.prod.internal:9090/graph?g0.expr=${encodeURIComponent(alert.name)}`,
          fingerprint: `${i.toString(16).padStart(8, "0")}${n.toString(16).padStart(8, "0")}`,
        },
      ],
    },
  };
}
