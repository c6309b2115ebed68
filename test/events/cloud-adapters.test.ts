// The Tencent, Alibaba, AWS and CloudEvents adapters on fixtures of the payloads those clouds
// send: each lands as a CloudEvents envelope with the documented mapping, and bad events are
// refused alone with a pointer into the body.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors.js";
import type { CloudEvent } from "../../src/core/event.js";
import { adapters } from "../../src/events/adapters/index.js";
import type { IngestItem } from "../../src/events/http-modes.js";
import { loadFixture } from "./load-fixture.js";

const now = Date.UTC(2026, 0, 2);
const ctx = { now };

async function run(name: keyof typeof adapters, body: unknown): Promise<IngestItem[]> {
  return adapters[name](body, ctx);
}

function only(items: IngestItem[]): CloudEvent {
  expect(items).toHaveLength(1);
  const item = items[0];
  if (!item?.ok) throw new Error(`refused: ${JSON.stringify(item)}`);
  return item.event;
}

describe("tencent adapter", () => {
  it("turns epoch-millisecond time into RFC 3339 and keeps Tencent's extensions", async () => {
    const e = only(await run("tencent", loadFixture("tencent-cvm-ping-unreachable.json")));
    expect(e).toMatchObject({
      specversion: "1.0",
      id: "13a3f42d-7258-4ada-da6d-023a333b4662",
      source: "cvm.cloud.tencent",
      type: "cvm:ErrorEvent:PingUnreachable",
      time: "2026-01-01T00:00:00.123Z",
      region: "ap-guangzhou",
      status: "1",
      resource: ["qcs::eb:ap-guangzhou:uid1250000000:eventbusid/eventruleid"],
      tags: { env: "prod", team: "payments" },
      datacontenttype: "application/json;charset=utf-8",
      data: { instanceId: "ins-3k9x2f7q", dimensions: { ip: "10.0.3.17" } },
    });
  });

  it("reads an array, string times and specversion 1.0.2, refusing a bad event alone", async () => {
    const items = await run("tencent", loadFixture("tencent-batch.json"));
    expect(items.map((i) => i.ok)).toEqual([true, true, false]);
    const [first, second] = items.flatMap((i) => (i.ok ? [i.event] : []));
    expect(first).toMatchObject({ specversion: "1.0", time: "2026-01-01T01:00:00.000Z", status: "-", region: "ap-shanghai" });
    expect(second).toMatchObject({ type: "cvm:CloudEvent:ApiCall", time: "2026-01-01T01:01:00.456Z" });
    expect(items[2]).toMatchObject({ ok: false, id: "d0c4d1e2-0000-4b1e-8a6f-0b3d2e9f7a11", pointer: "/2/source" });
  });

  it("refuses an unusable time with its pointer, and a body that is no event at all", async () => {
    const items = await run("tencent", [{ source: "cvm.cloud.tencent", type: "t", time: 1e300 }]);
    expect(items[0]).toMatchObject({ ok: false, pointer: "/0/time" });
    await expect(run("tencent", "hello")).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("aliyun adapter", () => {
  it("maps a CloudMonitor system event", async () => {
    const body = loadFixture("aliyun-ecs-state-change.json");
    const e = only(await run("aliyun", body));
    expect(e).toMatchObject({
      specversion: "1.0",
      id: "9435EAD6-3CF6-4494-8F7A-3A1D2C3B4A77",
      source: "acs.ecs",
      type: "Instance:StateChange",
      subject: "i-bp1ecr7n2xk5go2go",
      time: "2026-01-01T22:01:14.058+08:00",
      region: "cn-hangzhou",
      level: "INFO",
    });
    expect(e.data).toEqual(body);
  });

  it("parses content sent as a JSON string and takes the subject from content.instanceId", async () => {
    const e = only(await run("aliyun", loadFixture("aliyun-callback-reboot.json")));
    expect(e).toMatchObject({
      source: "acs.ecs",
      type: "Instance:InstanceFailure.Reboot:Executing",
      subject: "i-uf6f2x3lb8ccfv8m1kpe",
      time: "2026-01-01T11:04:05.279+08:00",
      region: "cn-shanghai",
      level: "CRITICAL",
      status: "Executing",
      data: { instanceName: "pay-api-3", content: { eventType: "InstanceFailure.Reboot", instanceId: "i-uf6f2x3lb8ccfv8m1kpe" } },
    });
    expect(Date.parse(e.time ?? "")).toBe(Date.UTC(2026, 0, 1, 3, 4, 5, 279));
  });

  it("derives a stable id when the event has none, and falls back to resourceId for the subject", async () => {
    const body = { product: "RDS", name: "Instance:SwitchOver", resourceId: "acs:rds:cn-beijing:1:dbinstance/rm-2ze1", regionId: "cn-beijing", eventTime: "20260101T000000Z" };
    const a = only(await run("aliyun", body));
    const b = only(await run("aliyun", { ...body }));
    const c = only(await run("aliyun", { ...body, eventTime: "20260101T000001Z" }));
    expect(a.id).toMatch(/^aliyun-[0-9a-f]{32}$/);
    expect(a.id).toBe(b.id);
    expect(c.id).not.toBe(a.id);
    expect(a).toMatchObject({ source: "acs.rds", subject: "acs:rds:cn-beijing:1:dbinstance/rm-2ze1", time: "2026-01-01T00:00:00Z" });
  });

  it.each([
    [{ name: "X" }, "/product"],
    [{ product: "ECS" }, "/name"],
    [{ product: "ECS", name: "X", eventTime: "19 July 2019" }, "/eventTime"],
    [{ product: "ECS", name: "X", eventTime: "20190230T000000.000+0800" }, "/eventTime"],
  ])("refuses %j at %s", async (body, pointer) => {
    expect((await run("aliyun", body))[0]).toMatchObject({ ok: false, pointer });
  });
});

describe("aws adapter", () => {
  it("maps the EventBridge envelope", async () => {
    const e = only(await run("aws", loadFixture("aws-ec2-state-change.json")));
    expect(e).toEqual({
      specversion: "1.0",
      id: "7bf73129-1428-4cd3-a780-95db273d1602",
      source: "aws.ec2",
      type: "EC2 Instance State-change Notification",
      time: "2026-01-01T08:15:30Z",
      subject: "arn:aws:ec2:us-east-1:123456789012:instance/i-0abcd1234ef567890",
      datacontenttype: "application/json",
      data: { "instance-id": "i-0abcd1234ef567890", state: "stopped" },
      account: "123456789012",
      region: "us-east-1",
      resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-0abcd1234ef567890"],
    });
  });

  it("refuses events without detail-type or with bad resources, by index", async () => {
    const good = loadFixture("aws-ec2-state-change.json");
    const items = await run("aws", [good, { source: "aws.ec2" }, { "detail-type": "X", source: "aws.ec2", resources: "arn" }]);
    expect(items.map((i) => i.ok)).toEqual([true, false, false]);
    expect(items[1]).toMatchObject({ pointer: "/1/detail-type" });
    expect(items[2]).toMatchObject({ pointer: "/2/resources" });
  });
});

describe("cloudevents adapter", () => {
  it("normalises one envelope or many", async () => {
    expect(only(await run("cloudevents", { source: "s", type: "t", id: "1" }))).toMatchObject({ id: "1", time: "2026-01-02T00:00:00.000Z" });
    const items = await run("cloudevents", [{ source: "s", type: "t" }, { source: "s" }]);
    expect(items[1]).toMatchObject({ ok: false, pointer: "/1/type" });
  });
});
