// Secrets through the whole running platform: set through the API, used by a workflow task
// (`{{ secrets.NAME }}` in core.http's headers) and by a rule's http target (by reference:
// filled in at each attempt) against a real receiver on loopback, and never seen again — not
// in any API answer about the execution or the delivery, nor in any stored row.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

const VALUE = "tok-7d41c9e2b8a6-secret";
const received: string[] = [];
const receiver = createServer((req, res) => {
  received.push(String(req.headers.authorization));
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, echoed: req.headers.authorization }));
});

let reflex: TestReflex;
let dir: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  dir = writeConfigDir({
    "call.yaml": `
kind: Workflow
name: call-with-secret
tasks:
  call:
    action: core.http
    input:
      url: ${url}
      method: POST
      headers: {authorization: "{{ 'Bearer ' & secrets.receiver_token }}"}
      body: {note: "{{ 'token was ' & secrets.receiver_token }}"}
---
kind: Rule
name: forward-with-secret
pattern: {source: secret.test}
targets:
  - type: http
    url: ${url}
    headers: {authorization: "{{ 'Bearer ' & secrets.receiver_token }}"}
    body: {subject: "{{ event.subject }}"}
`,
  });
  reflex = await startTestReflex({ configDir: dir, env: { REFLEX_MASTER_KEY: Buffer.alloc(32, 7).toString("base64") } });
});
afterAll(async () => {
  await reflex?.stop();
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe("secrets end to end", () => {
  it("reach the receiver and nothing else", async () => {
    const put = await reflex.api("/api/v1/secrets/receiver_token", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: VALUE }) });
    expect(put.status).toBe(201);
    const answers: string[] = [await put.text()];
    const started = await reflex.api("/api/v1/executions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workflow: "call-with-secret" }) });
    const { id } = (await started.json()) as { id: string };
    const view = await waitFor(async () => {
      const res = await reflex.api(`/api/v1/executions/${id}`);
      const text = await res.text();
      answers.push(text);
      return (JSON.parse(text) as { status: string }).status === "succeeded" ? text : undefined;
    }, "the execution to succeed");
    expect(received).toEqual([`Bearer ${VALUE}`]);
    expect(view).toContain("Bearer ***");
    for (const path of [`/api/v1/executions/${id}/logs`, "/api/v1/secrets", "/api/v1/audit?limit=100", "/api/v1/executions?limit=10"]) answers.push(await (await reflex.api(path)).text());
    for (const answer of answers) expect(answer).not.toContain(VALUE);
    const db = reflex.reflex.store.db;
    const rows = await Promise.all([db.selectFrom("executions").selectAll().execute(), db.selectFrom("task_runs").selectAll().execute(), db.selectFrom("task_logs").selectAll().execute(), db.selectFrom("audit_log").selectAll().execute(), db.selectFrom("secrets").selectAll().execute(), db.selectFrom("jobs").selectAll().execute()]);
    expect(JSON.stringify(rows)).not.toContain(VALUE);
  });

  it("fill a rule target's reference at the attempt, never in the stored delivery", async () => {
    received.length = 0;
    const event = { specversion: "1.0", id: "secret-evt-1", source: "secret.test", type: "t", subject: "ins-1" };
    expect((await reflex.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/cloudevents+json" }, body: JSON.stringify(event) })).status).toBe(202);
    await waitFor(async () => (received.length > 0 ? true : undefined), "the receiver to be called");
    expect(received).toEqual([`Bearer ${VALUE}`]);
    const deliveries = await (await reflex.api("/api/v1/deliveries?rule=forward-with-secret")).text();
    expect(deliveries).not.toContain(VALUE);
    const db = reflex.reflex.store.db;
    const rows = await Promise.all([db.selectFrom("deliveries").selectAll().execute(), db.selectFrom("delivery_attempts").selectAll().execute(), db.selectFrom("jobs").selectAll().execute()]);
    expect(JSON.stringify(rows)).not.toContain(VALUE);
  });
});
