// A rule as the API shows it never carries a broker credential: a queue target's inline
// password and token are replaced, credentials in its URL are removed, `{env: NAME}` stays
// (it says where the secret comes from, not what it is).
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let reflex: TestReflex;

beforeAll(async () => {
  const configDir = writeConfigDir({
    "rules.yaml": `
kind: Rule
name: to-brokers
pattern: {source: [x]}
targets:
  - {type: queue, url: "amqp://ops:Hunter2@127.0.0.1:5672", queue: q, username: guest, password: "s3cret-inline"}
  - {type: queue, url: "nats://127.0.0.1:4222", subject: "a.b", token: "tok-inline-42"}
  - {type: queue, url: "redis://127.0.0.1:6379", stream: s, password: {env: REDIS_PASSWORD}}
`,
  });
  reflex = await startTestReflex({ configDir });
});

afterAll(async () => {
  await reflex?.stop();
});

it("shows queue targets without their credentials", async () => {
  const res = await reflex.api("/api/v1/rules/to-brokers");
  expect(res.status).toBe(200);
  const text = await res.text();
  for (const secret of ["Hunter2", "s3cret-inline", "tok-inline-42"]) expect(text).not.toContain(secret);
  const rule = JSON.parse(text) as { targets: { connection: Record<string, unknown> }[] };
  expect(rule.targets.map((t) => t.connection)).toMatchObject([
    { url: "amqp://127.0.0.1:5672", username: "(inline secret)", password: "(inline secret)" },
    { url: "nats://127.0.0.1:4222", token: "(inline secret)" },
    { password: { env: "REDIS_PASSWORD" } },
  ]);
});
