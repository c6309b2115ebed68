// Realistic ingest load: Tencent Cloud CVM events as Cloud Monitor sends them through
// EventBridge (CloudEvents with `region`, `status`, `resource` and `tags` at top level), 300–600
// bytes each, about a fleet of instances in several regions. Every event gets the id it is
// given, so each request of a benchmark carries events never seen before (duplicates would
// skip the insert and flatter the numbers). Bodies are spliced from prepared text around the
// id, so the load generator spends its time sending, not serialising.

/** Makes CVM event bodies with given ids. */
export interface CvmEvents {
  /** One event as JSON text (structured mode). */
  one(id: string): string;
  /** A JSON array of events (batch mode), one per id. */
  batch(ids: readonly string[]): string;
  /** Smallest and largest event in bytes, with an id as long as `sampleId`. */
  sizeRange(sampleId: string): [number, number];
}

const REGIONS = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-hongkong", "ap-singapore"];
const TEAMS = ["payments", "search", "checkout", "identity", "media"];
const ALARMS = [
  { type: "cvm:ErrorEvent:PingUnreachable", metric: null },
  { type: "cvm:ErrorEvent:GuestReboot", metric: null },
  { type: "cvm:ErrorEvent:DiskReadonly", metric: null },
  { type: "cvm:AlarmEvent:CpuUsage", metric: { name: "CpuUsage", unit: "%", threshold: 90, value: 97.3 } },
  { type: "cvm:AlarmEvent:MemUsage", metric: { name: "MemUsage", unit: "%", threshold: 85, value: 91.8 } },
  { type: "cvm:AlarmEvent:LanOuttraffic", metric: { name: "LanOuttraffic", unit: "Mbps", threshold: 800, value: 944.1 } },
] as const;

const ID_MARK = "@@event-id@@";

/** Prepares `variants` distinct event shapes, dated `now` (epoch ms). */
export function cvmEvents(now: number, variants = 64): CvmEvents {
  const parts = Array.from({ length: variants }, (_, i) => {
    const text = JSON.stringify(cvmEvent(i, now, ID_MARK));
    const at = text.indexOf(ID_MARK);
    return { head: text.slice(0, at), tail: text.slice(at + ID_MARK.length) };
  });
  let next = 0;
  const pick = () => {
    const part = parts[next % parts.length];
    next += 1;
    if (!part) throw new Error("no event variants prepared");
    return part;
  };
  return {
    one(id) {
      const part = pick();
      return part.head + id + part.tail;
    },
    batch(ids) {
      return `[${ids.map((id) => this.one(id)).join(",")}]`;
    },
    sizeRange(sampleId) {
      const sizes = parts.map((p) => Buffer.byteLength(p.head + sampleId + p.tail));
      return [Math.min(...sizes), Math.max(...sizes)];
    },
  };
}

function cvmEvent(i: number, now: number, id: string): Record<string, unknown> {
  const region = REGIONS[i % REGIONS.length] ?? "ap-guangzhou";
  const alarm = ALARMS[i % ALARMS.length] ?? ALARMS[0];
  const team = TEAMS[i % TEAMS.length] ?? "ops";
  const instanceId = `ins-${(0x3a7c91 + i * 7919).toString(36).padStart(8, "k")}`;
  const resource = `qcs::cvm:${region}:uin/1251234567:instance/${instanceId}`;
  const firing = i % 5 !== 4;
  const time = new Date(now - (i % 60) * 1000).toISOString();
  const data: Record<string, unknown> = {
    instanceId,
    instanceName: `${team}-${i}`,
    privateIp: `10.${i % 8}.${(i * 3) % 250}.${(i * 11) % 250}`,
  };
  if (alarm.metric) {
    Object.assign(data, {
      alarmPolicyId: `policy-${(i * 104729).toString(36)}`,
      metricName: alarm.metric.name,
      threshold: alarm.metric.threshold,
      currentValue: alarm.metric.value,
      unit: alarm.metric.unit,
    });
  }
  return {
    specversion: "1.0",
    id,
    source: "cvm.cloud.tencent",
    type: alarm.type,
    subject: resource,
    time,
    datacontenttype: "application/json",
    region,
    status: firing ? "1" : "0",
    resource: [resource],
    tags: { team, env: i % 4 === 0 ? "staging" : "prod" },
    data,
  };
}
