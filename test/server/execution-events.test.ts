// Live updates of an execution over server-sent events, read with node's http client from a
// running Reflex: the full view at once, a new one after each change, `end` when the workflow
// finishes and the stream closed; a finished execution answers at once; 404 and 401 are
// problems, not streams; closing the server ends the streams still open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConfigDir } from "../support/config-dir.js";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { SseClient } from "../support/sse.js";

const WORKFLOWS = `kind: Workflow
name: ticker
tasks:
  a: {action: core.sleep, input: {seconds: 0.4}, next: [{do: b}]}
  b: {action: core.sleep, input: {seconds: 0.4}, next: [{do: c}]}
  c: {action: core.sleep, input: {seconds: 0.4}}
---
kind: Workflow
name: long
tasks:
  wait: {action: core.sleep, input: {seconds: 30}}
---
kind: Workflow
name: ask
tasks:
  ask: {action: core.approve, input: {message: go?}}
`;

interface View {
  id: string;
  status: string;
  version: number;
  tasks: { task: string; status: string }[];
}

let t: TestReflex;
let config: string;
beforeAll(async () => {
  config = writeConfigDir({ "workflows.yaml": WORKFLOWS });
  t = await startTestReflex({ configDir: config });
});
afterAll(async () => t?.stop());

async function start(on: TestReflex, workflow: string): Promise<string> {
  const res = await on.api("/api/v1/executions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workflow }) });
  return ((await res.json()) as { id: string }).id;
}

describe("GET /api/v1/executions/:id/events", () => {
  it("sends the view at once, then after each change, then end, and closes", async () => {
    const id = await start(t, "ticker");
    const client = await SseClient.connect(`${t.url}/api/v1/executions/${id}/events`, t.adminToken);
    expect(client.status).toBe(200);
    expect(client.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(client.headers["cache-control"]).toMatch(/no-cache/);

    const first = await waitFor(async () => client.events[0], "the first event");
    expect(first.event).toBe("execution");
    expect(first.data).toMatchObject({ id, status: "running" });
    expect(first.id).toBe(String((first.data as View).version));

    await waitFor(async () => (client.ended ? true : undefined), "the stream to end");
    const views = client.named("execution").map((e) => e.data as View);
    expect(views.length).toBeGreaterThanOrEqual(3);
    const versions = views.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(views.slice(1, -1).some((v) => v.status === "running" && v.tasks.some((r) => r.status === "succeeded"))).toBe(true);
    const last = views[views.length - 1];
    expect(last).toMatchObject({ status: "succeeded" });
    expect(last?.tasks.map((r) => r.task)).toEqual(["a", "b", "c"]);
    expect(client.events[client.events.length - 1]).toEqual({ event: "end", id: undefined, data: { id, status: "succeeded" } });
    expect(client.named("end")).toHaveLength(1);
  });

  it("answers a finished execution with its view and end at once", async () => {
    const id = await start(t, "ticker");
    await waitFor(async () => (((await (await t.api(`/api/v1/executions/${id}`)).json()) as View).status === "succeeded" ? true : undefined), "ticker to finish");
    const client = await SseClient.connect(`${t.url}/api/v1/executions/${id}/events`, t.adminToken);
    await waitFor(async () => (client.ended ? true : undefined), "the stream to end");
    expect(client.events.map((e) => e.event)).toEqual(["execution", "end"]);
  });

  it("answers an unknown execution and a missing token with a problem", async () => {
    const unknown = await SseClient.connect(`${t.url}/api/v1/executions/01NOPE/events`, t.adminToken);
    expect(unknown.status).toBe(404);
    expect(unknown.headers["content-type"]).toMatch(/^application\/problem\+json/);
    await waitFor(async () => (unknown.ended ? true : undefined), "the answer");
    expect(JSON.parse(unknown.body())).toMatchObject({ code: "not_found" });
    const anonymous = await SseClient.connect(`${t.url}/api/v1/executions/01NOPE/events`, null);
    expect(anonymous.status).toBe(401);
  });

  it("keeps following after a client left another stream, and ends open streams when the server closes", async () => {
    const other = await startTestReflex({ configDir: config });
    let stopped = false;
    try {
      const id = await start(other, "long");
      const leaving = await SseClient.connect(`${other.url}/api/v1/executions/${id}/events`, other.adminToken);
      await waitFor(async () => leaving.events[0], "the first event");
      leaving.close();
      const staying = await SseClient.connect(`${other.url}/api/v1/executions/${id}/events`, other.adminToken);
      await waitFor(async () => staying.events[0], "the first event");
      await other.api(`/api/v1/executions/${id}/cancel`, { method: "POST" });
      await waitFor(async () => staying.named("execution").find((e) => (e.data as View).status === "canceling" || (e.data as View).status === "canceled"), "the cancel to show");
      await waitFor(async () => (staying.ended ? true : undefined), "the canceled execution's stream to end");
      const waiting = await start(other, "ask");
      const open = await SseClient.connect(`${other.url}/api/v1/executions/${waiting}/events`, other.adminToken);
      await waitFor(async () => open.events[0], "the first event");
      await other.stop();
      stopped = true;
      await waitFor(async () => (open.ended ? true : undefined), "the open stream to end");
      expect(open.named("end")).toEqual([]);
    } finally {
      if (!stopped) await other.stop();
    }
  });
});
