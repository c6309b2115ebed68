// The seed's self-heal workflow in examples/c-ping-unreachable runs as written, with stand-in
// actions for the cloud and the chat (the real packs come later): healed when the instance
// runs again within the polls, "not ready" after 6 polls otherwise. The polls' 10 s wait is
// shortened to 50 ms for the test; nothing else of the file is changed.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../src/actions/types.js";
import type { JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import type { TestEngine } from "../support/engine.js";
import { runsOf, startTestEngine } from "../support/engine.js";

const EXAMPLE = new URL("../../examples/c-ping-unreachable/heal.yaml", import.meta.url);

/** Polls left before each instance reports RUNNING (absent: never). */
const pollsUntilRunning = new Map<string, number>();
const polls = new Map<string, number>();
const commands: { instance: string; command: string }[] = [];
const messages: { channel: string; message: string }[] = [];

const field = (input: JsonValue, name: string): JsonValue => (isJsonObject(input) ? (input[name] ?? null) : null);
const firstId = (input: JsonValue): string => {
  const ids = field(input, "instanceIds");
  return Array.isArray(ids) ? String(ids[0]) : "";
};

const STAND_INS: ActionDefinition<JsonValue>[] = [
  {
    ref: "tencent.cvm.describe_instances",
    description: "stand-in: DescribeInstances of the simulated fleet",
    inputSchema: { type: "object", properties: { region: { type: "string" }, instanceIds: { type: "array", items: { type: "string" } } }, required: ["instanceIds"] },
    timeoutMs: 5_000,
    async run(input) {
      const id = firstId(input);
      const n = (polls.get(id) ?? 0) + 1;
      polls.set(id, n);
      const needed = pollsUntilRunning.get(id);
      const state = needed !== undefined && n >= needed ? "RUNNING" : "STARTING";
      return { TotalCount: 1, InstanceSet: [{ InstanceId: id, InstanceState: state }] };
    },
  },
  {
    ref: "tencent.tat.run_command",
    description: "stand-in: RunCommand, waiting for the result",
    inputSchema: { type: "object", properties: { region: { type: "string" }, instanceIds: { type: "array", items: { type: "string" } }, command: { type: "string" } }, required: ["instanceIds", "command"] },
    timeoutMs: 5_000,
    async run(input) {
      commands.push({ instance: firstId(input), command: String(field(input, "command")) });
      return { exitCode: 0, output: "" };
    },
  },
  {
    ref: "core.notify",
    description: "stand-in: a chat message",
    inputSchema: { type: "object", properties: { channel: { type: "string" }, message: { type: "string" } }, required: ["channel", "message"] },
    timeoutMs: 5_000,
    async run(input) {
      messages.push({ channel: String(field(input, "channel")), message: String(field(input, "message")) });
      return { sent: true };
    },
  },
];

let engine: TestEngine;
beforeAll(async () => {
  const yaml = readFileSync(EXAMPLE, "utf8").replace("delay: 10s", "delay: 50ms");
  const workflowOnly = yaml.split(/^---$/m)[0] ?? "";
  engine = await startTestEngine(workflowOnly, { actions: STAND_INS });
});
afterAll(async () => engine?.close());

describe("examples/c-ping-unreachable", () => {
  it("waits until the instance runs, restarts the business process and reports it healed", async () => {
    pollsUntilRunning.set("ins-up", 3);
    const view = await engine.run("c.ping-unreachable", { instance: "ins-up" });
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ healed: true });
    expect(polls.get("ins-up")).toBe(3);
    expect(commands).toContainEqual({ instance: "ins-up", command: "systemctl restart app" });
    expect(messages).toContainEqual({ channel: "oncall-c", message: "ins-up healed: running again, business process restarted" });
  });

  it("gives up after 6 polls and says the instance was not ready", async () => {
    const view = await engine.run("c.ping-unreachable", { instance: "ins-down" });
    expect(view.status).toBe("failed");
    expect(polls.get("ins-down")).toBe(6);
    expect(runsOf(view, "restart_process")).toHaveLength(0);
    expect(commands.map((c) => c.instance)).not.toContain("ins-down");
    expect(messages).toContainEqual({ channel: "oncall-c", message: "ins-down not ready after 6 polls (last state STARTING); please look" });
  });
});
