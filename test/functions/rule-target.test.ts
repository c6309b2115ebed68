// Functions as a rule's `function` target, on the real database (SQLite, or PostgreSQL under
// REFLEX_TEST_DATABASE_URL): each matching event is one invocation with the rendered `input`
// (the event itself without one); the attempt records the result and the first log lines in
// its response, every secret value hidden; a Function that throws fails the attempt with its
// message and stack and is retried as the target says, then dead-lettered; a secret that is
// not set, or a Function no longer declared, fails the delivery for good.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReflexConfig } from "../../src/config/types.js";
import { ManualClock } from "../../src/core/clock.js";
import type { JsonObject } from "../../src/core/json.js";
import { createFunctionCaller } from "../../src/functions/index.js";
import { createRuleEngine } from "../../src/rules/index.js";
import type { RuleEngine } from "../../src/rules/index.js";
import { attemptsOf } from "../../src/store/delivery-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { drain, ingest } from "../rules/support.js";
import { openTestStore } from "../support/store.js";
import { functionsConfig, inlineFunction, memorySecrets } from "./support.js";

const TOKEN = "tok-5f4e3d2c1b";

const FUNCTIONS = [
  inlineFunction(
    "notify-ops",
    `
exports.main_handler = async (event, context) => {
  console.log("paging for " + event.instanceId + " with " + context.secrets.PAGER_TOKEN);
  return { paged: event.instanceId, token: context.secrets.PAGER_TOKEN, trigger: context.trigger };
};`,
    "secrets: [PAGER_TOKEN]",
  ),
  inlineFunction("echo-event", "exports.main_handler = async (event) => ({ type: event.type, subject: event.subject });"),
  inlineFunction("flaky", "exports.main_handler = async (event) => { console.error('about to fail'); throw new Error('backend down for ' + event.subject); };"),
  inlineFunction("needs-secret", "exports.main_handler = async () => 1;", "secrets: [NOT_SET]"),
].join("---\n");

const RULES = `
kind: Rule
name: page
pattern: {source: [cvm], type: [ping-unreachable]}
targets:
  - name: pager
    type: function
    function: notify-ops
    input: {instanceId: "{{ event.subject }}"}
  - name: whole-event
    type: function
    function: echo-event
---
kind: Rule
name: flaky
pattern: {source: [cvm], type: [flaky]}
targets:
  - {type: function, function: flaky, retry: {attempts: 2, backoff: 1s}}
---
kind: Rule
name: secretless
pattern: {source: [cvm], type: [secretless]}
targets:
  - {type: function, function: needs-secret}
`;

let store: Store;
let cleanup: () => Promise<void>;
let config: ReflexConfig;
let engine: RuleEngine;
const clock = new ManualClock();

beforeAll(async () => {
  config = await functionsConfig({ "functions.yaml": FUNCTIONS, "rules.yaml": RULES });
  ({ store, cleanup } = await openTestStore());
  const functions = createFunctionCaller({ config: () => config, secrets: memorySecrets({ PAGER_TOKEN: TOKEN }) });
  engine = createRuleEngine({ store, clock, env: {}, config: () => config, warn: () => undefined, pollMs: 60_000, functions });
  engine.registry.applyConfig(config);
});

afterAll(async () => {
  await cleanup();
});

async function deliveriesOf(rule: string) {
  return store.db.selectFrom("deliveries").selectAll().where("rule", "=", rule).orderBy("target").execute();
}

describe("a function target", () => {
  it("invokes the Function with the rendered input, or the event, and records result and logs on the attempt", async () => {
    await ingest(store, engine, clock, "default", [{ id: "e-1", source: "cvm", type: "ping-unreachable", subject: "ins-9" }]);
    await drain(store, clock, engine.handlers);
    const [pager, whole] = await deliveriesOf("page");
    expect([pager?.target, pager?.status, whole?.target, whole?.status]).toEqual(["pager", "delivered", "whole-event", "delivered"]);

    const [attempt] = await attemptsOf(store.db, pager?.id ?? "");
    expect(attempt?.outcome).toBe("delivered");
    const response = JSON.parse(attempt?.response ?? "null") as JsonObject;
    expect(response.result).toEqual({ paged: "ins-9", token: "***", trigger: { type: "rule", rule: "page", target: "pager", deliveryId: pager?.id ?? "" } });
    expect(response.logs).toEqual(["stdout: paging for ins-9 with ***"]);
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(attempt?.response).not.toContain(TOKEN);

    const [wholeAttempt] = await attemptsOf(store.db, whole?.id ?? "");
    expect((JSON.parse(wholeAttempt?.response ?? "null") as JsonObject).result).toEqual({ type: "ping-unreachable", subject: "ins-9" });
  });

  it("fails an attempt with what the Function threw, retries it, then gives up", async () => {
    await ingest(store, engine, clock, "default", [{ id: "e-2", source: "cvm", type: "flaky", subject: "ins-3" }]);
    await drain(store, clock, engine.handlers);
    clock.advance(2_000);
    await drain(store, clock, engine.handlers);
    const [delivery] = await deliveriesOf("flaky");
    expect(delivery?.status).toBe("dead");
    const attempts = await attemptsOf(store.db, delivery?.id ?? "");
    expect(attempts.map((a) => a.outcome)).toEqual(["failed", "failed"]);
    expect(attempts[0]?.error).toBe("function 'flaky' threw Error: backend down for ins-3");
    const response = JSON.parse(attempts[0]?.response ?? "null") as JsonObject;
    expect((response.error as JsonObject).message).toBe("backend down for ins-3");
    expect(String((response.error as JsonObject).stack)).toMatch(/functions\.yaml:\d+:\d+\)/);
    expect(response.logs).toEqual(["stderr: about to fail"]);
  });

  it("gives up at once when a secret is not set or the Function is no longer declared", async () => {
    await ingest(store, engine, clock, "default", [{ id: "e-3", source: "cvm", type: "secretless" }]);
    await drain(store, clock, engine.handlers);
    const [secretless] = await deliveriesOf("secretless");
    expect(secretless?.status).toBe("dead");
    expect(secretless?.last_error).toMatch(/^Function 'needs-secret': secret NOT_SET is not set/);

    const before = config;
    config = { ...config, functions: new Map([...config.functions].filter(([name]) => name !== "echo-event")) };
    try {
      await ingest(store, engine, clock, "default", [{ id: "e-4", source: "cvm", type: "ping-unreachable", subject: "ins-4" }]);
      await drain(store, clock, engine.handlers);
      const gone = (await deliveriesOf("page")).find((d) => d.event_id === "e-4" && d.target === "whole-event");
      expect(gone?.status).toBe("dead");
      expect(gone?.last_error).toBe("Function 'echo-event' is not declared (any more); declare it with 'kind: Function', then re-drive the delivery");
    } finally {
      config = before;
    }
  });
});
