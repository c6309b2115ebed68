// The rule sets of the rules benchmark: patterns people write for the events of rules-events.ts,
// drawn from weighted templates about fleet members, in two mixes:
//   exact/prefix-heavy — about 80 % of conditions are exact values or prefixes on source, type,
//                        subject, region and data fields; the rest numeric, anything-but, exists;
//   mixed              — every operator kind: wildcard, suffix, equals-ignore-case, cidr, $or,
//                        regex, anything-but with operators, exists: false, numeric ranges.
// Each template names one instance, service or alert route, so an event matches the few rules
// about it. A set of n rules is the first n of the 10,000, so the smaller sets are samples of
// the larger one.
import type { JsonObject } from "../src/core/json.js";
import { ALERT_NAMES, CVM_ALARM_TYPES, CVM_ERROR_TYPES, ECS_OTHER_TYPES, ECS_STATE_CHANGE } from "./rules-events.js";
import { CLUSTERS, CVM_REGIONS, type Fleet } from "./rules-fleet.js";
import type { Random } from "./rules-random.js";

/** The two rule mixes. */
export type RuleMix = "exact-prefix" | "mixed";

/** One rule: an id (`<template>-<n>`) and its event pattern. */
export interface BenchRule {
  id: string;
  pattern: JsonObject;
}

interface Template {
  name: string;
  weight: number;
  make(fleet: Fleet, random: Random): JsonObject;
}

/** Patterns of the exact/prefix-heavy mix. */
const EXACT_PREFIX: readonly Template[] = [
  {
    name: "cvm-instance-failure",
    weight: 17,
    make: (f, r) => ({ source: "cvm.cloud.tencent", type: r.sample(CVM_ERROR_TYPES, r.between(1, 2)), subject: r.sample(f.cvm, r.between(1, 3)).map((i) => i.id) }),
  },
  {
    name: "cvm-service-failures",
    weight: 5,
    make: (f, r) => {
      const i = r.pick(f.cvm);
      return { source: ["cvm.cloud.tencent"], type: [{ prefix: "cvm:ErrorEvent:" }], region: [i.region], data: { instanceName: [{ prefix: `${i.team}-${i.service}-` }] } };
    },
  },
  {
    name: "cvm-metric-threshold",
    weight: 18,
    make: (f, r) => ({
      source: ["cvm.cloud.tencent"],
      type: [r.pick(CVM_ALARM_TYPES)],
      data: { instanceId: [r.pick(f.cvm).id], currentValue: [{ numeric: [">=", r.pick([85, 90, 95])] }] },
    }),
  },
  {
    name: "cvm-service-overload",
    weight: 8,
    make: (f, r) => {
      const i = r.pick(f.cvm);
      return {
        source: ["cvm.cloud.tencent"],
        region: [i.region],
        data: { instanceName: [{ prefix: `${i.team}-${i.service}-` }], metrics: { cpuUsage: [{ numeric: [">", 90] }], memUsage: [{ numeric: [">", 80] }] } },
      };
    },
  },
  {
    name: "cvm-disk-readonly",
    weight: 5,
    make: (f, r) => ({ source: ["cvm.cloud.tencent"], type: ["cvm:ErrorEvent:DiskReadonly"], data: { diskId: r.pick(f.cvm).diskIds } }),
  },
  {
    name: "ecs-instance-state",
    weight: 15,
    make: (f, r) => ({
      source: ["acs.ecs"],
      type: [ECS_STATE_CHANGE],
      data: { resourceId: [r.pick(f.ecs).id], state: r.chance(0.5) ? r.sample(["Stopping", "Stopped", "Deleted"], r.between(1, 2)) : [{ "anything-but": ["Running", "Starting"] }] },
    }),
  },
  {
    name: "ecs-service-down",
    weight: 5,
    make: (f, r) => {
      const i = r.pick(f.ecs);
      return { source: ["acs.ecs"], aliyunregionid: [i.region], type: [{ prefix: "ecs:Instance:" }], data: { instanceName: [{ prefix: `${i.team}-${i.service}-` }], state: [{ "anything-but": ["Running", "Starting", "Pending"] }] } };
    },
  },
  {
    name: "alert-route",
    weight: 20,
    make: (f, r) => {
      const p = r.pick(f.pods);
      return {
        source: ["alertmanager"],
        data: {
          labels: { alertname: [r.pick(ALERT_NAMES)], cluster: [p.cluster], namespace: [p.namespace], pod: [{ prefix: `${p.workload}-` }], severity: r.chance(0.5) ? ["critical"] : ["warning", "critical"] },
          status: [{ "anything-but": "resolved" }],
        },
      };
    },
  },
  {
    name: "alert-runbook",
    weight: 7,
    make: (f, r) => {
      const p = r.pick(f.pods);
      return {
        source: ["alertmanager"],
        type: ["alertmanager.alert.firing"],
        data: { labels: { alertname: [r.pick(ALERT_NAMES)], cluster: [p.cluster], pod: [{ prefix: `${p.workload}-` }] }, annotations: { runbook_url: [{ exists: true }] } },
      };
    },
  },
];

/** Patterns of the mixed mix. */
const MIXED: readonly Template[] = [
  {
    name: "cvm-resource-wildcard",
    weight: 10,
    make: (f, r) => {
      const i = r.pick(f.cvm);
      return { source: ["cvm.cloud.tencent"], type: [{ prefix: "cvm:ErrorEvent:" }], resource: [{ wildcard: `qcs::cvm:${i.region}:uin/*:instance/${i.id}` }] };
    },
  },
  {
    name: "cvm-subnet",
    weight: 10,
    make: (f, r) => {
      const [a, b, c] = r.pick(f.cvm).privateIp.split(".");
      return { source: ["cvm.cloud.tencent"], type: [r.pick(CVM_ERROR_TYPES)], data: { privateIp: [{ cidr: `${a}.${b}.${c}.0/24` }] } };
    },
  },
  {
    name: "cvm-overload-or",
    weight: 10,
    make: (f, r) => {
      const alternatives: JsonObject[] = [
        { type: ["cvm:AlarmEvent:CpuUsage"], data: { currentValue: [{ numeric: [">", 90] }] } },
        { type: ["cvm:AlarmEvent:MemUsage"], data: { currentValue: [{ numeric: [">=", 95, "<=", 100] }] } },
        { data: { metrics: { load1: [{ numeric: [">", 7.5] }] } } },
      ];
      return { source: ["cvm.cloud.tencent"], subject: [r.pick(f.cvm).id], $or: alternatives };
    },
  },
  {
    name: "cvm-prod-failure",
    weight: 5,
    make: (f, r) => ({
      source: "cvm.cloud.tencent",
      subject: r.sample(f.cvm, 2).map((i) => i.id),
      tags: { env: [{ "equals-ignore-case": "PROD" }] },
      type: [{ "anything-but": { wildcard: "cvm:AlarmEvent:*" } }],
    }),
  },
  {
    name: "cvm-region-outage",
    weight: 2,
    make: (_f, r) => ({ source: ["cvm.cloud.tencent"], type: ["cvm:ErrorEvent:PingUnreachable"], region: [{ "anything-but": { prefix: "ap-" } }, r.pick(CVM_REGIONS)], status: [{ "equals-ignore-case": "1" }], data: { metrics: { load1: [{ numeric: [">=", 7.9] }] } } }),
  },
  {
    name: "ecs-state-ignore-case",
    weight: 10,
    make: (f, r) => ({ source: ["acs.ecs"], data: { resourceId: [r.pick(f.ecs).id], state: [{ "equals-ignore-case": "stopped" }, { "equals-ignore-case": "DELETED" }] } }),
  },
  {
    name: "ecs-name-suffix",
    weight: 8,
    make: (f, r) => {
      const i = r.pick(f.ecs);
      return { source: ["acs.ecs"], aliyunregionid: [i.region], data: { instanceName: [{ suffix: i.name.slice(i.team.length) }], state: [{ "anything-but": { prefix: "Run" } }] } };
    },
  },
  {
    name: "ecs-maintenance",
    weight: 5,
    make: (f, r) => ({ source: ["acs.ecs"], type: [{ suffix: { "equals-ignore-case": ".REBOOT" } }, r.pick(ECS_OTHER_TYPES)], data: { instanceId: [r.pick(f.ecs).id], eventStatus: [{ "anything-but": "Executed" }] } }),
  },
  {
    name: "ecs-region-subject",
    weight: 5,
    make: (f, r) => {
      const i = r.pick(f.ecs);
      return { source: ["acs.ecs"], subject: [{ prefix: { "equals-ignore-case": `ACS:ECS:${i.region}:` } }], data: { instanceName: [{ wildcard: `${i.team}-*-${i.name.slice(-2)}` }], state: ["Stopped"] } };
    },
  },
  {
    name: "alert-route-ignore-case",
    weight: 15,
    make: (f, r) => {
      const p = r.pick(f.pods);
      return {
        source: ["alertmanager"],
        data: { labels: { alertname: [r.pick(ALERT_NAMES)], namespace: [p.namespace], severity: [{ "equals-ignore-case": "CRITICAL" }], cluster: [{ prefix: "prod-" }], pod: [{ wildcard: `${p.workload}-*` }] } },
      };
    },
  },
  {
    name: "alert-no-runbook",
    weight: 8,
    make: (f, r) => {
      const p = r.pick(f.pods);
      return {
        source: ["alertmanager"],
        type: ["alertmanager.alert.firing"],
        data: { labels: { alertname: [r.pick(ALERT_NAMES)], instance: [{ suffix: p.instance.slice(p.instance.indexOf(":")) }], pod: [{ prefix: `${p.workload}-` }] }, annotations: { runbook_url: [{ exists: false }] } },
      };
    },
  },
  {
    name: "alert-pod-regex",
    weight: 4,
    make: (f, r) => {
      const p = r.pick(f.pods);
      return { source: ["alertmanager"], data: { labels: { alertname: [r.pick(ALERT_NAMES)], pod: [{ regex: `^${p.workload}-[0-9a-z]{8,10}-[0-9a-z]{5}$` }] } } };
    },
  },
  {
    name: "alert-or",
    weight: 8,
    make: (f, r) => {
      const p = r.pick(f.pods);
      const alternatives: JsonObject[] = [
        { data: { labels: { alertname: r.sample(ALERT_NAMES, 2) } } },
        { data: { labels: { alertname: [r.pick(ALERT_NAMES)], cluster: [r.pick(CLUSTERS)] }, status: ["firing"] } },
      ];
      return { source: ["alertmanager"], data: { labels: { namespace: [p.namespace], pod: [{ prefix: `${p.workload}-` }] } }, $or: alternatives };
    },
  },
];

/** The templates of a mix, for the benchmark's description of its rules. */
export const TEMPLATES: Readonly<Record<RuleMix, readonly { name: string; weight: number }[]>> = { "exact-prefix": EXACT_PREFIX, mixed: MIXED };

/** `count` rules of a mix. */
export function ruleSet(fleet: Fleet, random: Random, mix: RuleMix, count: number): BenchRule[] {
  const templates = mix === "exact-prefix" ? EXACT_PREFIX : MIXED;
  const total = templates.reduce((sum, t) => sum + t.weight, 0);
  return Array.from({ length: count }, (_, n) => {
    let roll = random.next() * total;
    const template = templates.find((t) => (roll -= t.weight) < 0) ?? (templates[0] as Template);
    return { id: `${template.name}-${n}`, pattern: template.make(fleet, random) };
  });
}
