// The EventType registry: schemas compiled once, problems reported as a pointer into the event
// with the failing keyword, and schemas that cannot compile refused with the type's name.
import { describe, expect, it } from "vitest";
import type { EventTypeSpec } from "../../src/config/types.js";
import { ValidationError } from "../../src/core/errors.js";
import type { CloudEvent } from "../../src/core/event.js";
import { EventTypeRegistry } from "../../src/events/event-types.js";

const ping: EventTypeSpec = {
  name: "cvm-ping-unreachable",
  source: "cvm.cloud.tencent",
  type: "cvm:ErrorEvent:PingUnreachable",
  schema: {
    type: "object",
    required: ["instanceId"],
    properties: {
      instanceId: { type: "string", pattern: "^ins-" },
      dimensions: { type: "object", properties: { ip: { type: "string", format: "ipv4" } } },
      "a/b": { type: "integer" },
    },
  },
};
const free: EventTypeSpec = { name: "deploys", source: "ci", type: "deploy.done" };

function event(source: string, type: string, data?: CloudEvent["data"]): CloudEvent {
  return { specversion: "1.0", id: "1", source, type, ...(data === undefined ? {} : { data }) };
}

describe("EventTypeRegistry", () => {
  const registry = new EventTypeRegistry([ping, free]);

  it("knows declared types only", () => {
    expect(registry.known(event(ping.source, ping.type))).toBe(true);
    expect(registry.known(event(free.source, free.type))).toBe(true);
    expect(registry.known(event(ping.source, "other"))).toBe(false);
    expect(registry.known(event("other", ping.type))).toBe(false);
  });

  it("passes data that fits, unknown types and types without a schema", () => {
    expect(registry.check(event(ping.source, ping.type, { instanceId: "ins-1", dimensions: { ip: "10.0.0.1" } }))).toBeNull();
    expect(registry.check(event("x", "y", 42))).toBeNull();
    expect(registry.check(event(free.source, free.type, "anything"))).toBeNull();
  });

  it.each([
    [{ dimensions: {} }, "/data/instanceId", "required"],
    [{ instanceId: 7 }, "/data/instanceId", "type"],
    [{ instanceId: "i-1" }, "/data/instanceId", "pattern"],
    [{ instanceId: "ins-1", dimensions: { ip: "999.1.1.1" } }, "/data/dimensions/ip", "format"],
    [{ instanceId: "ins-1", "a/b": 1.5 }, "/data/a~1b", "type"],
    [undefined, "/data", "type"],
  ])("reports %j at %s (%s)", (data, pointer, keyword) => {
    const problem = registry.check(event(ping.source, ping.type, data));
    expect(problem).toMatchObject({ pointer, keyword });
    expect(problem?.message).toBeTypeOf("string");
  });

  it("refuses a schema that does not compile, naming the EventType", () => {
    const broken: EventTypeSpec = { ...free, name: "broken", schema: { $ref: "#/$defs/missing" } };
    expect(() => new EventTypeRegistry([broken])).toThrow(/EventType 'broken'/);
    expect(() => new EventTypeRegistry([{ ...free, name: "bad-type", schema: { type: "thing" } }])).toThrow(ValidationError);
  });

  it("refuses two EventTypes for one source and type", () => {
    expect(() => new EventTypeRegistry([free, { ...free, name: "again" }])).toThrow(/'again'.*'deploys'/);
  });
});
