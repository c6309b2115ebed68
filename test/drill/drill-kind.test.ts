// `kind: Drill` as operators write it: defaults filled in, and every mistake reported at its
// file:line:col with a message saying what to write instead.
import { describe, expect, it } from "vitest";
import { configOf, placesOf, yaml } from "../config/fixture.js";

describe("kind: Drill", () => {
  it("builds a spec with defaults: no stagger, 100%, timeout healWithin + 1m", async () => {
    const config = await configOf({
      "drills.yaml": yaml(
        "kind: Drill",
        "name: ping-50",
        "description: 50 CVM instances lose ping at once",
        "instances:",
        "  create: {count: 50, cloud: tencent, tags: {env: drill}}",
        "fault: ping_unreachable",
        "criteria: {detectWithin: 30s, healWithin: 2m}",
        "---",
        "kind: Drill",
        "name: listed",
        "simulator: http://127.0.0.1:9999/",
        "instances: {ids: [ins-1, ins-2]}",
        "fault: disk_readonly",
        "stagger: 2s",
        "criteria: {detectWithin: 10s, healWithin: 1m, minHealedPercent: 90}",
        "timeout: 3m",
      ),
    });
    expect(config.drills.get("ping-50")).toEqual({
      name: "ping-50",
      description: "50 CVM instances lose ping at once",
      instances: { create: { count: 50, cloud: "tencent", tags: { env: "drill" } } },
      fault: "ping_unreachable",
      staggerMs: 0,
      criteria: { detectWithinMs: 30_000, healWithinMs: 120_000, minHealedPercent: 100 },
      timeoutMs: 180_000,
    });
    expect(config.drills.get("listed")).toMatchObject({ simulator: "http://127.0.0.1:9999", instances: { ids: ["ins-1", "ins-2"] }, staggerMs: 2000, timeoutMs: 180_000, criteria: { minHealedPercent: 90 } });
    expect(config.origins.get("Drill/listed")).toMatchObject({ line: 9 });
  });

  it("reports an unknown fault, a count out of range and a misspelt field where they are written", async () => {
    expect(
      await placesOf({
        "d.yaml": yaml(
          "kind: Drill", //
          "name: bad",
          "instances:",
          "  create: {count: 1001, cloud: tencent, tagz: {}}",
          "fault: ping_lost",
          "criteria: {detectWithin: soon, healWithin: 2m}",
        ),
      }),
    ).toEqual([
      "d.yaml:4:19 [/instances/create/count] 'instances.create.count' must be a whole number of instances from 1 to 1000 (got 1001)",
      "d.yaml:4:41 [/instances/create/tagz] unknown field 'tagz' in 'instances.create'; did you mean 'tags'?",
      "d.yaml:5:8 [/fault] 'fault' must be ping_unreachable, disk_readonly, kernel_fault, oom, instance_restarted, unexpected_stop, conn_limit_packet_loss, bandwidth_limit_packet_loss, preemptible_interruption, disk_usage_high (got 'ping_lost')",
      "d.yaml:6:26 [/criteria/detectWithin] 'criteria.detectWithin' must be a duration such as 30s, 10m, 7d or 1h30m (or a number of milliseconds) (got 'soon')",
    ]);
  });

  it("needs exactly one of create or ids, a fault the cloud can have, and a timeout no shorter than healWithin", async () => {
    expect(
      await placesOf({
        "d.yaml": yaml(
          "kind: Drill", //
          "name: both",
          "instances: {create: {count: 2, cloud: tencent}, ids: [ins-1]}",
          "fault: oom",
          "criteria: {detectWithin: 0s, healWithin: 2m}",
          "timeout: 1m",
          "---",
          "kind: Drill",
          "name: wrong-cloud",
          "instances:",
          "  create: {count: 2, cloud: aliyun}",
          "fault: ping_unreachable",
          "criteria: {detectWithin: 30s, healWithin: 2m}",
          "---",
          "kind: Drill",
          "name: not-preemptible",
          "instances:",
          "  create: {count: 2, cloud: aliyun}",
          "fault: preemptible_interruption",
          "criteria: {detectWithin: 30s, healWithin: 10m}",
          "---",
          "kind: Drill",
          "name: neither",
          "instances: {}",
          "fault: oom",
          "criteria: {detectWithin: 30s, healWithin: 2m}",
        ),
      }),
    ).toEqual([
      "d.yaml:3:12 [/instances] 'instances' needs exactly one of 'create' (fresh instances in the simulator) or 'ids' (existing ones)",
      "d.yaml:5:26 [/criteria/detectWithin] 'detectWithin' must be longer than 0s (got 0s)",
      "d.yaml:6:10 [/timeout] 'timeout' (1m) must be at least 'healWithin' (2m), or no instance could be seen to heal in time",
      "d.yaml:11:29 [/instances/create/cloud] fault 'ping_unreachable' happens to tencent instances only; set cloud: tencent or pick another fault",
      "d.yaml:18:11 [/instances/create] fault 'preemptible_interruption' needs preemptible instances; add preemptible: true",
      "d.yaml:24:12 [/instances] 'instances' needs exactly one of 'create' (fresh instances in the simulator) or 'ids' (existing ones)",
    ]);
  });
});
