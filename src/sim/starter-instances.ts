// What `reflex sim` starts with, so a first run has something to break and heal: a small shop
// on both clouds — Tencent CVM web servers with a data disk each, and Alibaba ECS servers
// behind an SLB vServer group, one of them a preemptible (spot) instance, which is what the
// preemptible-interruption remediation takes out of the group before it is released.
import type { SimFleetApi, SimInstance, SimInstanceSpec, SimVServerGroup } from "./types.js";

/** The load balancer and vServer group the Alibaba instances serve behind. */
export const STARTER_LOAD_BALANCER = "lb-bp1simshop00000000001";
export const STARTER_GROUP_NAME = "shop-80";

/**
 * `count` instance specs: two thirds Tencent (rounded up), the rest Alibaba, the last Alibaba
 * one preemptible. Six gives four Tencent and two Alibaba instances.
 */
export function starterInstanceSpecs(count: number): SimInstanceSpec[] {
  const tencent = Math.ceil((count * 2) / 3);
  const aliyun = count - tencent;
  const specs: SimInstanceSpec[] = [];
  for (let n = 1; n <= tencent; n++) {
    specs.push({ cloud: "tencent", name: `shop-web-${n}`, tags: { env: "prod", app: "shop", role: "web" }, dataDisks: 1, state: "RUNNING" });
  }
  for (let n = 1; n <= aliyun; n++) {
    const preemptible = n === aliyun;
    specs.push({ cloud: "aliyun", name: `shop-api-${n}${preemptible ? "-spot" : ""}`, tags: { env: "prod", app: "shop", role: "api", "auto-restart": "true" }, preemptible, state: "RUNNING" });
  }
  return specs;
}

/** Creates the starter instances in `fleet`, and the vServer group of the Alibaba ones (when there are any). */
export function seedStarterFleet(fleet: SimFleetApi, count: number): { instances: SimInstance[]; group?: SimVServerGroup } {
  const instances = count > 0 ? fleet.createInstances(starterInstanceSpecs(count)) : [];
  const backends = instances.filter((i) => i.cloud === "aliyun").map((i) => ({ serverId: i.id, port: 80, weight: 100 }));
  if (backends.length === 0) return { instances };
  const region = instances.find((i) => i.cloud === "aliyun")?.region;
  const group = fleet.createVServerGroup({ loadBalancerId: STARTER_LOAD_BALANCER, name: STARTER_GROUP_NAME, ...(region ? { region } : {}), backends });
  return { instances, group };
}
