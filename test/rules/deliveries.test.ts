// From match to delivery on the real database: a rule with an HTTP target (signed, on a
// loopback receiver) and a workflow target makes two deliveries per event; a target that keeps
// failing is retried with its backoff, ends in the dead letters with every attempt recorded,
// and succeeds when re-driven; a template that fails records its pointer and error; a notify
// target posts to its channel's webhook, signed with the channel's key.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { WORKFLOWS_QUEUE } from "../../src/rules/index.js";
import { getJob, listJobs } from "../../src/queue/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { Receiver, configFrom, drain, engineFor, ingest } from "./support.js";

let store: Store;
let cleanup: () => Promise<void>;
const receiver = new Receiver();
const clock = new ManualClock();

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await cleanup();
});

const alarm = (id: string, subject: string) => ({ id, source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject, data: { instanceId: subject, load: 97 } });

async function deliveriesOf(rule: string) {
  return store.db.selectFrom("deliveries").selectAll().where("rule", "=", rule).orderBy("event_seq").orderBy("target").execute();
}

describe("deliveries", () => {
  it("gives two deliveries per matching event for a rule with an HTTP and a workflow target; the receiver verifies the signature", async () => {
    const config = await configFrom(`
kind: Rule
name: two-targets
pattern: {source: cvm.cloud.tencent, type: ["cvm:ErrorEvent:PingUnreachable"]}
labels: {team: sre}
targets:
  - name: hook
    type: http
    url: "${receiver.url}/hook/{{ event.subject }}"
    headers: {X-Rule: "{{ rule.name }}"}
    body: {text: "{{ event.subject & ' is unreachable' }}", load: "{{ data.load }}", team: "{{ rule.labels.team }}"}
    sign: {secret: {env: HOOK_KEY}}
  - name: heal
    type: workflow
    workflow: cvm.self-heal
    input: {instanceId: "{{ event.subject }}"}`);
    const { engine } = engineFor(store, clock, config, { HOOK_KEY: "s3cret" });
    await ingest(store, engine, clock, "default", [alarm("tt-1", "ins-1"), alarm("tt-2", "ins-2"), { id: "tt-3", source: "other", type: "x" }]);
    await drain(store, clock, engine.handlers);

    const deliveries = await deliveriesOf("two-targets");
    expect(deliveries.map((d) => [d.event_id, d.target, d.status])).toEqual([
      ["tt-1", "heal", "delivered"],
      ["tt-1", "hook", "delivered"],
      ["tt-2", "heal", "delivered"],
      ["tt-2", "hook", "delivered"],
    ]);
    const hooks = receiver.requests.filter((r) => r.url.startsWith("/hook/"));
    expect(hooks.map((r) => r.url).sort()).toEqual(["/hook/ins-1", "/hook/ins-2"]);
    const first = hooks.find((r) => r.url === "/hook/ins-1");
    expect(JSON.parse(first?.body ?? "")).toEqual({ text: "ins-1 is unreachable", load: 97, team: "sre" });
    expect(first?.headers["x-rule"]).toBe("two-targets");
    const expected = `sha256=${createHmac("sha256", "s3cret").update(first?.body ?? "").digest("hex")}`;
    expect(first?.headers["x-reflex-signature"]).toBe(expected);

    const starts = await listJobs(store.db, { queue: WORKFLOWS_QUEUE, limit: 10 });
    expect(starts).toHaveLength(2);
    const heal = deliveries.find((d) => d.event_id === "tt-1" && d.target === "heal");
    const start = starts.find((j) => j.idempotencyKey === heal?.id);
    expect(start).toMatchObject({ kind: "workflow.start", status: "queued" });
    expect(start?.payload).toMatchObject({ workflow: "cvm.self-heal", input: { instanceId: "ins-1" }, event: { id: "tt-1" }, deliveryId: heal?.id });
  });

  it("retries a failing target with its backoff, dead-letters it after its attempts, and delivers it when re-driven", async () => {
    receiver.status = (r) => (r.url === "/flaky" ? 503 : 200);
    const config = await configFrom(`
kind: Rule
name: flaky
pattern: {source: [flaky.test]}
targets:
  - {name: hook, type: http, url: "${receiver.url}/flaky", retry: {attempts: 3, backoff: 1s, maxBackoff: 2s}}`);
    const { engine } = engineFor(store, clock, config);
    await ingest(store, engine, clock, "default", [{ id: "fl-1", source: "flaky.test", type: "t" }]);
    await drain(store, clock, engine.handlers);
    let [delivery] = await deliveriesOf("flaky");
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    // Not due before its backoff has passed.
    clock.advance(999);
    expect(await drain(store, clock, engine.handlers)).toBe(0);
    clock.advance(1);
    await drain(store, clock, engine.handlers);
    clock.advance(2_000);
    await drain(store, clock, engine.handlers);
    [delivery] = await deliveriesOf("flaky");
    expect(delivery).toMatchObject({ status: "dead", attempts: 3, http_status: 503 });
    expect(delivery?.last_error).toMatch(/answered 503; the target expects 200–299 \(attempt 3 of 3: no attempts left\)/);
    expect((await getJob(store.db, delivery?.job_id ?? ""))?.status).toBe("dead");

    const dead = await engine.deliveries.list({ status: "dead", rule: "flaky", limit: 10 });
    expect(dead.items.map((d) => d.id)).toEqual([delivery?.id]);
    const detail = await engine.deliveries.get(delivery?.id ?? "");
    expect(detail.attempts).toEqual([1, 2, 3].map((attempt) => expect.objectContaining({ attempt, outcome: "failed", httpStatus: 503, response: expect.stringContaining("answer 503") })));

    receiver.status = () => 200;
    const redriven = await engine.deliveries.retry(delivery?.id ?? "");
    expect(redriven).toMatchObject({ status: "pending", redrives: 1 });
    await drain(store, clock, engine.handlers);
    [delivery] = await deliveriesOf("flaky");
    expect(delivery).toMatchObject({ status: "delivered", attempts: 4, http_status: 200 });
    await expect(engine.deliveries.retry(delivery?.id ?? "")).rejects.toThrow(/is delivered; only dead deliveries can be retried/);
  });

  it("gives up once the next retry would come after maxAge", async () => {
    receiver.status = (r) => (r.url === "/old" ? 500 : 200);
    const config = await configFrom(`
kind: Rule
name: short-lived
pattern: {source: [old.test]}
targets: [{type: http, url: "${receiver.url}/old", retry: {attempts: 10, backoff: 1m, maxAge: 90s}}]`);
    const { engine } = engineFor(store, clock, config);
    await ingest(store, engine, clock, "default", [{ id: "old-1", source: "old.test", type: "t" }]);
    await drain(store, clock, engine.handlers);
    clock.advance(60_000);
    await drain(store, clock, engine.handlers);
    const [delivery] = await deliveriesOf("short-lived");
    expect(delivery).toMatchObject({ status: "dead", attempts: 2 });
    expect(delivery?.last_error).toMatch(/after the target's retry.maxAge of 1m30s/);
  });

  it("records a failing template's pointer and error on a dead delivery, and re-renders it on re-drive", async () => {
    const broken = (text: string) => `
kind: Rule
name: bad-template
pattern: {source: [template.test]}
targets:
  - {name: ok, type: http, url: "${receiver.url}/ok"}
  - {name: bad, type: http, url: "${receiver.url}/bad", body: {n: "${text}"}}`;
    const { engine, setConfig } = engineFor(store, clock, await configFrom(broken("{{ $number(data.word) }}")));
    await ingest(store, engine, clock, "default", [{ id: "tpl-1", source: "template.test", type: "t", data: { word: "ten" } }]);
    await drain(store, clock, engine.handlers);
    const rows = await deliveriesOf("bad-template");
    expect(rows.map((d) => [d.target, d.status])).toEqual([
      ["bad", "dead"],
      ["ok", "delivered"],
    ]);
    const bad = rows.find((d) => d.target === "bad");
    expect(bad).toMatchObject({ error_pointer: "/targets/1/body/n", request: null, job_id: null, attempts: 0 });
    expect(bad?.last_error).toMatch(/template at \/targets\/1\/body\/n: .*\$number\(data.word\)/);

    await expect(engine.deliveries.retry(bad?.id ?? "")).rejects.toThrow(/still cannot be rendered/);
    setConfig(await configFrom(broken("{{ $length(data.word) }}")));
    await engine.deliveries.retry(bad?.id ?? "");
    await drain(store, clock, engine.handlers);
    const fixed = (await deliveriesOf("bad-template")).find((d) => d.target === "bad");
    expect(fixed).toMatchObject({ status: "delivered", error_pointer: null });
    expect(JSON.parse(receiver.requests.filter((r) => r.url === "/bad").at(-1)?.body ?? "")).toEqual({ n: 3 });
  });

  it("posts a notify target's message to its channel, signed with the channel's key", async () => {
    const config = await configFrom(
      `kind: Channel\nname: ops\ntype: webhook\nurl: "${receiver.url}/channel"\nheaders: {X-Env: test}\nhmacSecret: channel-key`,
      `kind: Rule
name: notify-ops
pattern: {source: [notify.test]}
targets:
  - {name: say, type: notify, channel: ops, message: "{{ event.type & ' on ' & event.subject }}"}
  - {name: plain, type: notify, channel: ops}`,
    );
    const { engine } = engineFor(store, clock, config);
    await ingest(store, engine, clock, "default", [{ id: "n-1", source: "notify.test", type: "disk.full", subject: "ins-9" }]);
    await drain(store, clock, engine.handlers);
    const posts = receiver.requests.filter((r) => r.url === "/channel");
    expect(posts.map((p) => (JSON.parse(p.body) as { message: string }).message).sort()).toEqual(["disk.full on ins-9", "rule notify-ops: disk.full from notify.test (ins-9)"]);
    for (const post of posts) {
      expect(JSON.parse(post.body)).toMatchObject({ rule: "notify-ops", event: { id: "n-1", subject: "ins-9" } });
      expect(post.headers["x-env"]).toBe("test");
      expect(post.headers["x-reflex-signature"]).toBe(`sha256=${createHmac("sha256", "channel-key").update(post.body).digest("hex")}`);
    }
    const view = await engine.deliveries.get((await deliveriesOf("notify-ops"))[0]?.id ?? "");
    expect(view.request).toMatchObject({ type: "notify", channelSpec: { hmacSecret: "(inline secret)" } });
  });

  it("spreads messages through a rate-limited channel over time", async () => {
    const config = await configFrom(
      `kind: Channel
name: slow
type: webhook
url: "${receiver.url}/slow"
rateLimit: {rate: 1, per: 1m}`,
      `kind: Rule
name: notify-slow
pattern: {source: [slow.test]}
targets: [{type: notify, channel: slow}]`,
    );
    const { engine } = engineFor(store, clock, config);
    await ingest(store, engine, clock, "default", ["s1", "s2", "s3"].map((id) => ({ id, source: "slow.test", type: "t" })));
    const sent = () => receiver.requests.filter((r) => r.url === "/slow").length;
    await drain(store, clock, engine.handlers);
    expect(sent()).toBe(1);
    clock.advance(59_999);
    await drain(store, clock, engine.handlers);
    expect(sent()).toBe(1);
    clock.advance(1);
    await drain(store, clock, engine.handlers);
    expect(sent()).toBe(2);
    clock.advance(60_000);
    await drain(store, clock, engine.handlers);
    expect(sent()).toBe(3);
  });
});
