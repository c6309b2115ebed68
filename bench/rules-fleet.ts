// The imaginary estate the rules benchmark watches: Tencent Cloud CVM instances, Alibaba Cloud
// ECS instances and Kubernetes pods scraped by Prometheus. Events are drawn about its members
// and rules are written about them, so that rules mention real instance ids, names, regions,
// address blocks and alert labels — and an event matches the few rules about its own
// instance, service or alert, as in a real deployment, rather than all or none.
import type { Random } from "./rules-random.js";

/** A Tencent Cloud CVM instance. */
export interface CvmInstance {
  id: string;
  region: string;
  team: string;
  service: string;
  /** `<team>-<service>-<nn>`. */
  name: string;
  privateIp: string;
  diskIds: string[];
}

/** An Alibaba Cloud ECS instance. */
export interface EcsInstance {
  id: string;
  region: string;
  team: string;
  service: string;
  name: string;
  privateIp: string;
}

/** A pod whose alerts Alertmanager sends. */
export interface AlertTarget {
  cluster: string;
  namespace: string;
  /** The workload the pod belongs to, e.g. `payments-api`. */
  workload: string;
  pod: string;
  /** Scrape address, `ip:port`. */
  instance: string;
  job: string;
}

/** Everything events and rules can be about. */
export interface Fleet {
  cvm: CvmInstance[];
  ecs: EcsInstance[];
  pods: AlertTarget[];
}

export const CVM_REGIONS = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-hongkong", "ap-singapore"] as const;
export const ECS_REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-hongkong", "ap-southeast-1"] as const;
/** Alibaba instance ids start with a code of their region. */
const ECS_REGION_CODES = ["bp", "uf", "2z", "wz", "j6", "t4"] as const;
export const TEAMS = ["payments", "search", "checkout", "identity", "media", "growth"] as const;
export const SERVICES = ["api", "worker", "gateway", "cache", "db", "scheduler", "indexer", "web"] as const;
export const CLUSTERS = ["prod-gz", "prod-sh", "prod-hz", "staging-gz"] as const;
const PORTS = [9100, 8080, 9090, 9187, 9121] as const;
const JOBS = ["node-exporter", "kubernetes-pods", "prometheus", "postgres-exporter", "redis-exporter"] as const;

/** Builds the fleet: `cvm` CVM instances, `ecs` ECS instances and `pods` pods. */
export function makeFleet(random: Random, sizes = { cvm: 4_000, ecs: 3_000, pods: 3_000 }): Fleet {
  const cvm = Array.from({ length: sizes.cvm }, (_, i): CvmInstance => {
    const regionNo = random.int(CVM_REGIONS.length);
    const teamNo = random.int(TEAMS.length);
    const team = TEAMS[teamNo] ?? "ops";
    const service = random.pick(SERVICES);
    return {
      id: `ins-${random.token(8)}`,
      region: CVM_REGIONS[regionNo] ?? "ap-guangzhou",
      team,
      service,
      name: `${team}-${service}-${String(i % 100).padStart(2, "0")}`,
      privateIp: `10.${regionNo * 16 + teamNo}.${random.int(256)}.${1 + random.int(254)}`,
      diskIds: Array.from({ length: random.between(1, 3) }, () => `disk-${random.token(8)}`),
    };
  });
  const ecs = Array.from({ length: sizes.ecs }, (_, i): EcsInstance => {
    const regionNo = random.int(ECS_REGIONS.length);
    const team = random.pick(TEAMS);
    const service = random.pick(SERVICES);
    return {
      id: `i-${ECS_REGION_CODES[regionNo] ?? "bp"}${random.token(18)}`,
      region: ECS_REGIONS[regionNo] ?? "cn-hangzhou",
      team,
      service,
      name: `${team}-${service}-${String(i % 100).padStart(2, "0")}`,
      privateIp: `172.${16 + regionNo}.${random.int(256)}.${1 + random.int(254)}`,
    };
  });
  const pods = Array.from({ length: sizes.pods }, (): AlertTarget => {
    const team = random.pick(TEAMS);
    const workload = `${team}-${random.pick(SERVICES)}`;
    const jobNo = random.int(JOBS.length);
    return {
      cluster: random.pick(CLUSTERS),
      namespace: team,
      workload,
      pod: `${workload}-${random.token(random.between(8, 10))}-${random.token(5)}`,
      instance: `10.${100 + random.int(28)}.${random.int(256)}.${1 + random.int(254)}:${PORTS[jobNo] ?? 9100}`,
      job: JOBS[jobNo] ?? "kubernetes-pods",
    };
  });
  return { cvm, ecs, pods };
}
