// Secrets in workflow tasks: `{{ secrets.NAME }}` in a task's input and an action's own secret
// names are resolved at run time and handed to the action, and never stored — not in the
// task's input, result, error or log lines, nor in the execution view. A missing secret fails
// the task with a message that names it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../src/actions/types.js";
import type { JsonValue } from "../../src/core/json.js";
import { isJsonObject } from "../../src/core/json.js";
import { SecretNotSetError } from "../../src/core/secrets.js";
import type { SecretResolver } from "../../src/core/secrets.js";
import type { TestEngine } from "../support/engine.js";
import { runsOf, startTestEngine } from "../support/engine.js";

const TOKEN = "s3cr3t-t0ken-value";
const KEY = "cloud-key-9f8e7d";
const SECRETS: Record<string, string> = { chat_token: TOKEN, "tencent.secret_key": KEY };
const resolver: SecretResolver = {
  async resolve(names) {
    const missing = names.filter((n) => SECRETS[n] === undefined);
    if (missing.length > 0) throw new SecretNotSetError(missing);
    return Object.fromEntries(names.map((n) => [n, SECRETS[n] ?? ""]));
  },
};

const seen: { input: JsonValue; secrets: Record<string, string> }[] = [];
const LEAKY: ActionDefinition<JsonValue> = {
  ref: "test.leaky",
  description: "echoes its input and its secrets everywhere it can",
  inputSchema: { type: "object", properties: { url: { type: "string" }, fail: { type: "boolean" } }, required: ["url"] },
  timeoutMs: 5_000,
  secrets: ["tencent.secret_key"],
  async run(input, ctx) {
    seen.push({ input, secrets: { ...ctx.secrets } });
    ctx.log.stdout(`calling ${isJsonObject(input) ? String(input.url) : ""} with key ${ctx.secrets["tencent.secret_key"] ?? ""}`);
    if (isJsonObject(input) && input.fail === true) throw new Error(`refused ${String(input.url)} (key ${ctx.secrets["tencent.secret_key"] ?? ""})`);
    return { echoed: input, key: ctx.secrets["tencent.secret_key"] ?? null };
  },
};

const WORKFLOWS = `
kind: Workflow
name: uses-secrets
input: [fail]
tasks:
  call:
    action: test.leaky
    input: {url: "{{ 'https://chat.example/hook?token=' & secrets.chat_token }}", fail: "{{ ctx.fail }}"}
---
kind: Workflow
name: missing-secret
tasks:
  call:
    action: test.leaky
    input: {url: "{{ secrets.nope }}"}
`;

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine(WORKFLOWS, { actions: [LEAKY], secrets: resolver });
});
afterAll(async () => engine?.close());

async function everythingStored(): Promise<string> {
  const db = engine.store.db;
  const tables = await Promise.all([db.selectFrom("executions").selectAll().execute(), db.selectFrom("task_runs").selectAll().execute(), db.selectFrom("task_logs").selectAll().execute(), db.selectFrom("jobs").selectAll().execute()]);
  return JSON.stringify(tables);
}

describe("secrets in tasks", () => {
  it("hands the action the real values and stores none of them", async () => {
    const view = await engine.run("uses-secrets", { fail: false });
    expect(view.status).toBe("succeeded");
    expect(seen.at(-1)).toEqual({ input: { url: `https://chat.example/hook?token=${TOKEN}`, fail: false }, secrets: { "tencent.secret_key": KEY, chat_token: TOKEN } });
    const call = runsOf(view, "call")[0];
    expect(call?.input).toEqual({ url: "https://chat.example/hook?token=***", fail: false });
    expect(call?.result).toEqual({ echoed: { url: "https://chat.example/hook?token=***", fail: false }, key: "***" });
    const stored = await everythingStored();
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(KEY);
    expect(JSON.stringify(view)).not.toContain(KEY);
  });

  it("hides secrets in a failure's error and log lines", async () => {
    const view = await engine.run("uses-secrets", { fail: true });
    expect(view.status).toBe("failed");
    expect(String(runsOf(view, "call")[0]?.error)).toBe("refused https://chat.example/hook?token=*** (key ***)");
    const stored = await everythingStored();
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(KEY);
    expect(stored).toContain("with key ***");
  });

  it("fails the task naming a secret that is not set", async () => {
    const view = await engine.run("missing-secret");
    expect(view.status).toBe("failed");
    expect(String(runsOf(view, "call")[0]?.error)).toContain("secret nope is not set");
  });
});
