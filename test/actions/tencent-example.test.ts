// The seed's self-heal workflow (examples/c-ping-unreachable/heal.yaml) run by the real engine
// with the real `tencent` pack against the loopback Tencent Cloud: the engine resolves the
// pack's credential secrets, `result.InstanceSet[0].InstanceState` and the TAT command's result
// drive the workflow as written, and the SecretKey is stored nowhere. Only the chat is a
// stand-in, and the polls' 10 s wait is shortened to 50 ms.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoreRegistry } from "../../src/actions/index.js";
import type { ActionDefinition } from "../../src/actions/index.js";
import { createTencentPack } from "../../src/actions/tencent/pack.js";
import type { JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import { SecretNotSetError } from "../../src/core/secrets.js";
import type { SecretResolver } from "../../src/core/secrets.js";
import { runsOf, startTestEngine } from "../support/engine.js";
import type { TestEngine } from "../support/engine.js";
import { SECRETS, SECRET_KEY, startTencentCloud } from "./tencent-cloud.js";
import type { TencentCloud } from "./tencent-cloud.js";

const EXAMPLE = new URL("../../examples/c-ping-unreachable/heal.yaml", import.meta.url);
const messages: string[] = [];

const chat: ActionDefinition<JsonValue> = {
  ref: "core.notify",
  description: "stand-in: a chat message",
  inputSchema: { type: "object", properties: { channel: { type: "string" }, message: { type: "string" } }, required: ["channel", "message"] },
  timeoutMs: 5_000,
  run: async (input) => {
    messages.push(isJsonObject(input) ? String(input["message"]) : "");
    return { sent: true };
  },
};

const secrets: SecretResolver = {
  resolve: async (names) => {
    const missing = names.filter((n) => !(n in SECRETS));
    if (missing.length > 0) throw new SecretNotSetError(missing);
    return Object.fromEntries(names.map((n) => [n, SECRETS[n as keyof typeof SECRETS]]));
  },
};

let cloud: TencentCloud;
let engine: TestEngine;

beforeAll(async () => {
  cloud = await startTencentCloud();
  const yaml = readFileSync(EXAMPLE, "utf8").replace("delay: 10s", "delay: 50ms");
  const actions = [...createTencentPack({ endpoint: cloud.url, tatPollIntervalMs: 10 }), ...(createCoreRegistry().has("core.notify") ? [] : [chat])];
  engine = await startTestEngine(yaml.split(/^---$/m)[0] ?? "", { actions, secrets });
});

afterAll(async () => {
  await engine?.close();
  await cloud?.close();
});

describe("examples/c-ping-unreachable with the tencent pack", () => {
  it("sees the instance RUNNING, restarts the process through TAT, and reports it healed", async () => {
    const view = await engine.run("c.ping-unreachable", { instance: "ins-web1" });
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ healed: true });
    expect(runsOf(view, "wait_running")[0]).toMatchObject({ status: "succeeded", result: { InstanceSet: [{ InstanceId: "ins-web1", InstanceState: "RUNNING" }] } });
    expect(runsOf(view, "restart_process")[0]).toMatchObject({ status: "succeeded", result: { exitCode: 0, status: "SUCCESS", output: "hello from ins-web1\n" } });
    const command = [...cloud.invocations.values()].at(-1);
    expect(command).toMatchObject({ instanceIds: ["ins-web1"], command: "systemctl restart app" });
    expect(messages).toContain("ins-web1 healed: running again, business process restarted");
    expect(JSON.stringify(view)).not.toContain(SECRET_KEY);
  });

  it("reports a restart whose command fails, with TAT's exit code in the error", async () => {
    const view = await engine.run("c.ping-unreachable", { instance: "ins-web2", command: "exit 1" });
    expect(view.status).toBe("failed");
    expect(runsOf(view, "restart_process")[0]).toMatchObject({ status: "failed", result: { exitCode: 1, status: "FAILED" } });
    expect(messages.at(-1)).toMatch(/^ins-web2: restarting the business process failed: tencent\.tat\.run_command: invocation inv-\w+: ins-web2 ended FAILED with exit code 1: Job for app\.service failed$/);
    expect(JSON.stringify(view)).not.toContain(SECRET_KEY);
  });
});
