// Must show, end to end over HTTP: a rule with two targets (an HTTP endpoint on loopback and a
// workflow) gives two deliveries per matching event; the HTTP target, which keeps failing,
// ends in the dead letters after its attempts, and succeeds when re-driven once the endpoint
// answers 200.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";
import { Receiver } from "../rules/support.js";

let t: TestReflex;
const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
  receiver.status = () => 500;
  const dir = writeConfigDir({
    "rules.yaml": `kind: Rule
name: heal-and-tell
pattern: {source: cvm.cloud.tencent, type: ["cvm:ErrorEvent:PingUnreachable"]}
targets:
  - name: hook
    type: http
    url: "${receiver.url}/hook"
    body: {instance: "{{ event.subject }}"}
    retry: {attempts: 3, backoff: 20ms, maxBackoff: 50ms}
  - name: heal
    type: workflow
    workflow: cvm.self-heal
    input: {instanceId: "{{ event.subject }}"}
`,
  });
  t = await startTestReflex({ configDir: dir });
});
afterAll(async () => {
  await t.stop();
  await receiver.stop();
});

interface Delivery {
  id: string;
  rule: string;
  target: string;
  status: string;
  attemptCount: number;
  lastError: string | null;
  event: { id: string };
}

const deliveries = async (query: string) => ((await (await t.api(`/api/v1/deliveries?${query}`)).json()) as { items: Delivery[] }).items;

describe("deliveries over HTTP", () => {
  it("makes two deliveries per event, dead-letters the failing one after its attempts, and re-drives it", async () => {
    const alarm = (id: string, subject: string) => ({ id, source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject });
    expect((await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([alarm("a1", "ins-1"), alarm("a2", "ins-2")]) })).status).toBe(202);

    const dead = await waitFor(async () => {
      const items = await deliveries("status=dead&rule=heal-and-tell");
      return items.length === 2 ? items : undefined;
    }, "both HTTP deliveries to be dead letters");
    expect(dead.map((d) => [d.event.id, d.target, d.attemptCount]).sort()).toEqual([
      ["a1", "hook", 3],
      ["a2", "hook", 3],
    ]);
    expect(dead[0]?.lastError).toMatch(/answered 500.*no attempts left/);
    const all = await deliveries("rule=heal-and-tell");
    expect(all.map((d) => `${d.event.id}/${d.target}/${d.status}`).sort()).toEqual(["a1/heal/delivered", "a1/hook/dead", "a2/heal/delivered", "a2/hook/dead"]);
    expect(receiver.requests.filter((r) => r.url === "/hook")).toHaveLength(6);

    const first = dead.find((d) => d.event.id === "a1");
    const detail = (await (await t.api(`/api/v1/deliveries/${first?.id ?? ""}`)).json()) as { attempts: { attempt: number; httpStatus: number; outcome: string }[] };
    expect(detail.attempts.map((a) => [a.attempt, a.httpStatus, a.outcome])).toEqual([
      [1, 500, "failed"],
      [2, 500, "failed"],
      [3, 500, "failed"],
    ]);

    receiver.status = () => 200;
    const retry = await t.api(`/api/v1/deliveries/${first?.id ?? ""}/retry`, { method: "POST" });
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ status: "pending", redrives: 1 });
    const delivered = await waitFor(async () => {
      const d = (await (await t.api(`/api/v1/deliveries/${first?.id ?? ""}`)).json()) as Delivery & { attempts: unknown[] };
      return d.status === "delivered" ? d : undefined;
    }, "the re-driven delivery to succeed");
    expect(delivered.attempts).toHaveLength(4);
    expect((await t.api(`/api/v1/deliveries/${first?.id ?? ""}/retry`, { method: "POST" })).status).toBe(409);
    expect(await deliveries("status=dead&rule=heal-and-tell")).toHaveLength(1);

    const jobs = await t.reflex.store.db.selectFrom("jobs").select(["kind", "payload"]).where("queue", "=", "workflows").execute();
    expect(jobs.map((j) => (JSON.parse(j.payload) as { input: { instanceId: string } }).input.instanceId).sort()).toEqual(["ins-1", "ins-2"]);
  });
});
