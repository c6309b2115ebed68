// The events the fleet emits, checked field by field against sim-shared.md and ingested
// through Reflex's own `tencent` and `aliyun` adapters, which must normalise them to the
// source, type, subject and region the examples' rules match on.
import { describe, expect, it } from "vitest";
import { aliyunAdapter } from "../../src/events/adapters/aliyun.js";
import { tencentAdapter } from "../../src/events/adapters/tencent.js";
import type { IngestItem } from "../../src/events/ingest-item.js";
import type { SimEmittedEvent } from "../../src/sim/types.js";
import { fastFleet, runningInstance } from "./fleet-support.js";

const NOW = Date.UTC(2026, 2, 1, 4, 5, 6, 789);

async function ingest(event: SimEmittedEvent | undefined): Promise<Record<string, unknown>> {
  if (event === undefined) throw new Error("no event");
  const adapter = event.format === "tencent" ? tencentAdapter : aliyunAdapter;
  const items: IngestItem[] = await adapter(JSON.parse(JSON.stringify(event.body)), { now: NOW });
  const [item] = items;
  if (item === undefined || !item.ok) throw new Error(`refused: ${JSON.stringify(item)}`);
  return item.event as Record<string, unknown>;
}

describe("fleet: emitted events", () => {
  it("a Tencent fault event has exactly the documented shape, and Reflex's adapter reads it", async () => {
    const fleet = fastFleet({ now: () => NOW, appId: "1250000099", uin: "100000000077" });
    const instance = runningInstance(fleet, "tencent", { tags: { env: "prod", app: "shop" }, privateIp: "10.1.2.3" });
    const fault = fleet.injectFault(instance.id, "ping_unreachable");
    const [event] = fleet.emittedEvents();
    expect(event).toMatchObject({ format: "tencent", instanceId: instance.id, emittedAt: new Date(NOW).toISOString() });
    expect(event?.body).toEqual({
      specversion: "1.0",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: "cvm.cloud.tencent",
      type: "cvm:ErrorEvent:PingUnreachable",
      subject: instance.id,
      time: NOW,
      region: "ap-guangzhou",
      resource: [`qcs::cvm:ap-guangzhou:uin/100000000077:instance/${instance.id}`],
      datacontenttype: "application/json;charset=utf-8",
      tags: { env: "prod", app: "shop" },
      status: "1",
      data: { appId: "1250000099", instanceId: instance.id, projectId: "0", dimensions: { ip: "10.1.2.3" }, additionalMsg: { faultId: fault.id } },
    });
    const normalised = await ingest(event);
    expect(normalised).toMatchObject({
      source: "cvm.cloud.tencent",
      type: "cvm:ErrorEvent:PingUnreachable",
      subject: instance.id,
      region: "ap-guangzhou",
      status: "1",
      time: new Date(NOW).toISOString(),
    });
  });

  it("every Tencent fault has its documented type, and the disk alarm carries its metric", async () => {
    const expected = {
      ping_unreachable: "cvm:ErrorEvent:PingUnreachable",
      disk_readonly: "cvm:ErrorEvent:DiskReadonly",
      kernel_fault: "cvm:ErrorEvent:GuestCoreError",
      oom: "cvm:ErrorEvent:GuestOom",
      instance_restarted: "cvm:ErrorEvent:InstanceRestarted",
      conn_limit_packet_loss: "cvm:ErrorEvent:CvmPacketDropedByQosConnectionSession",
      bandwidth_limit_packet_loss: "cvm:ErrorEvent:CvmPacketDropedByQosWanOutBandwidth",
      unexpected_stop: "cvm:OperationEvent:InstancePowerOff",
      disk_usage_high: "cvm:AlarmEvent:DiskUsage",
    } as const;
    const fleet = fastFleet();
    for (const [kind, type] of Object.entries(expected)) {
      const { id } = runningInstance(fleet, "tencent", { dataDisks: 1 });
      fleet.injectFault(id, kind as keyof typeof expected);
      const event = fleet.emittedEvents().at(-1);
      expect(event?.body.type, kind).toBe(type);
      expect(await ingest(event)).toMatchObject({ source: "cvm.cloud.tencent", type, subject: id });
    }
    const alarm = fleet.emittedEvents().find((e) => e.body.type === "cvm:AlarmEvent:DiskUsage");
    expect(alarm?.body.data).toMatchObject({ metric: "disk_usage", value: 93.5, unit: "%", mountPoint: "/data" });
    const powerOff = fleet.emittedEvents().find((e) => e.body.type === "cvm:OperationEvent:InstancePowerOff");
    expect(powerOff?.body.data).toMatchObject({ additionalMsg: { reason: "unexpected" } });
  });

  it("an Alibaba StateChange has exactly the documented shape, and Reflex's adapter reads it", async () => {
    const fleet = fastFleet({ now: () => NOW, aliyunUserId: "1111222233334444" });
    const instance = runningInstance(fleet, "aliyun", { name: "shop-spot-1", region: "cn-shanghai", preemptible: true });
    const [pending, running] = fleet.emittedEvents();
    expect(running?.body).toEqual({
      id: expect.stringMatching(/^[0-9A-F-]{36}$/),
      product: "ECS",
      resourceId: `acs:ecs:cn-shanghai:1111222233334444:instance/${instance.id}`,
      level: "INFO",
      instanceName: "shop-spot-1",
      regionId: "cn-shanghai",
      name: "Instance:StateChange",
      eventTime: "20260301T120506.789+0800",
      userId: "1111222233334444",
      ver: "1.0",
      content: { resourceId: instance.id, resourceType: "ALIYUN::ECS::Instance", state: "Running" },
    });
    expect((pending?.body.content as { state: string }).state).toBe("Pending");
    const normalised = await ingest(running);
    expect(normalised).toMatchObject({ source: "acs.ecs", type: "Instance:StateChange", subject: instance.id, region: "cn-shanghai", level: "INFO" });
    expect(Date.parse(normalised.time as string)).toBe(NOW);

    fleet.injectFault(instance.id, "preemptible_interruption");
    const notice = fleet.emittedEvents().at(-1);
    expect(notice?.body).toMatchObject({ name: "Instance:PreemptibleInstanceInterruption", level: "WARN", content: { instanceId: instance.id, action: "delete" } });
    expect(await ingest(notice)).toMatchObject({ source: "acs.ecs", type: "Instance:PreemptibleInstanceInterruption", subject: instance.id, region: "cn-shanghai", level: "WARN" });
  });

  it("keeps a bounded history and tells listeners until they unsubscribe", () => {
    const fleet = fastFleet({ maxEmittedEvents: 3 });
    const heard: SimEmittedEvent[] = [];
    const stop = fleet.onEvent((e) => heard.push(e));
    fleet.onEvent(() => {
      throw new Error("a broken listener does not stop the others");
    });
    for (let i = 0; i < 3; i++) runningInstance(fleet, "aliyun"); // Pending + Running each
    expect(heard).toHaveLength(6);
    expect(fleet.emittedEvents()).toEqual(heard.slice(3));
    stop();
    runningInstance(fleet, "aliyun");
    expect(heard).toHaveLength(6);
    expect(fleet.emittedEvents()).toHaveLength(3);
  });
});
