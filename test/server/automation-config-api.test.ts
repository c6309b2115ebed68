// Probes (with their state), schedules, Functions and broker sources are readable through the
// API with where they were declared, and nothing secret is shown: header values, a Function's
// environment, broker credentials.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

const CONFIG = `
kind: Probe
name: web-01
type: http
url: http://127.0.0.1:9/healthz
headers: {Authorization: "Bearer literal-token-value"}
interval: 10s
timeout: 2s
---
kind: Schedule
name: nightly
cron: "0 3 * * *"
timezone: Asia/Shanghai
event: {type: ops.report.due, subject: nightly}
---
kind: Function
name: hello
code: |
  exports.main_handler = async (event) => ({ hi: event.name });
env: {API_KEY: literal-env-secret}
---
kind: Source
name: alarms
type: nats
url: nats://127.0.0.1:4222
username: reflex
password: literal-broker-password
stream: ALARMS
subject: alarms.>
`;

let reflex: TestReflex;
let dir: string;
beforeAll(async () => {
  dir = writeConfigDir({ "auto.yaml": CONFIG });
  reflex = await startTestReflex({ configDir: dir, roles: new Set(["api"]) });
});
afterAll(async () => {
  await reflex?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("automation config through the API", () => {
  it("lists each kind with its origin and state, and shows no secret", async () => {
    const answers: string[] = [];
    const read = async (path: string) => {
      const res = await reflex.api(path);
      expect(res.status).toBe(200);
      const text = await res.text();
      answers.push(text);
      return JSON.parse(text) as Record<string, unknown>;
    };
    expect(await read("/api/v1/probes/web-01")).toMatchObject({ kind: "Probe", name: "web-01", type: "http", headers: ["Authorization"], state: { status: "unknown" }, origin: { line: 2 } });
    expect(await read("/api/v1/schedules")).toMatchObject({ items: [{ kind: "Schedule", name: "nightly", timezone: "Asia/Shanghai" }] });
    expect(await read("/api/v1/functions/hello")).toMatchObject({ kind: "Function", name: "hello", action: "function.hello", env: ["API_KEY"] });
    expect(await read("/api/v1/broker-sources")).toMatchObject({ items: [{ kind: "Source", name: "alarms", type: "nats", bus: "default" }] });
    expect((await reflex.api("/api/v1/probes/nope")).status).toBe(404);
    for (const answer of answers) for (const secret of ["literal-token-value", "literal-env-secret", "literal-broker-password"]) expect(answer).not.toContain(secret);
  });
});
