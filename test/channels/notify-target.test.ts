// A rule's `notify` target through the channel sender, on the real rules engine and database:
// the channel's template shapes the message and the target's `message` wins over it; a group
// is sent as one message; secret settings are resolved through the resolver only at send time,
// and their values appear in no stored row, view or error — not even when the vendor echoes
// them back; a secret that is not set kills the delivery at once with a message that says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelSender } from "../../src/channels/index.js";
import type { ReflexConfig } from "../../src/config/types.js";
import { ManualClock } from "../../src/core/clock.js";
import { createRuleEngine } from "../../src/rules/index.js";
import type { RuleEngine } from "../../src/rules/index.js";
import type { Store } from "../../src/store/open-store.js";
import { configFrom, drain, ingest } from "../rules/support.js";
import { openTestStore } from "../support/store.js";
import { memorySecrets, notificationsOf } from "./support.js";
import { VendorReceiver, wecomReceiver } from "./vendor-receivers.js";

const WECOM_KEY = "wk-9f8e7d6c5b4a";
const HOOK_TOKEN = "hook-token-0a1b2c3d";
const HMAC_KEY = "hmac-key-5e6f7a8b";

let store: Store;
let cleanup: () => Promise<void>;
const clock = new ManualClock();
const wecom = wecomReceiver(WECOM_KEY);
// A careless receiver: refuses the message and echoes the URL, the token header and the signature back.
const echo = new VendorReceiver((req) => ({ status: 500, body: `cannot handle ${req.path}${req.rawQuery} with ${String(req.headers.authorization)} signed ${String(req.headers["x-reflex-signature"])}` }));
const secrets = memorySecrets({ WECOM_KEY, HOOK_TOKEN, HMAC_KEY });

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  await Promise.all([wecom.start(), echo.start()]);
});
afterAll(async () => {
  await Promise.all([wecom.stop(), echo.stop()]);
  await cleanup();
});

function engineWith(config: ReflexConfig): RuleEngine {
  const notifier = new ChannelSender({ store, clock, secrets, env: {} });
  const engine = createRuleEngine({ store, clock, env: {}, config: () => config, warn: () => undefined, pollMs: 60_000, notifier });
  engine.registry.applyConfig(config);
  return engine;
}

async function deliveriesOf(rule: string) {
  return store.db.selectFrom("deliveries").selectAll().where("rule", "=", rule).orderBy("target").execute();
}

describe("notify target", () => {
  it("sends the channel's template for events, unless the target gives its own message", async () => {
    const config = await configFrom(
      `kind: Channel
name: ops-wecom
type: wecom
url: "${wecom.url}/cgi-bin/webhook/send?key={{ secrets.WECOM_KEY }}"
templates:
  event: "{{ '**' & event.subject & '** is down (' & rule.labels.team & ')' }}"`,
      `kind: Rule
name: disk
labels: {team: sre}
pattern: {source: [disk.test]}
targets:
  - {name: a-templated, type: notify, channel: ops-wecom}
  - {name: b-own, type: notify, channel: ops-wecom, message: "{{ 'own text for ' & event.subject }}"}`,
    );
    const engine = engineWith(config);
    await ingest(store, engine, clock, "default", [{ id: "d-1", source: "disk.test", type: "disk.full", subject: "ins-7" }]);
    await drain(store, clock, engine.handlers);
    expect((await deliveriesOf("disk")).map((d) => d.status)).toEqual(["delivered", "delivered"]);
    const contents = wecom.requests.map((r) => (r.json as { markdown: { content: string } }).markdown.content).sort();
    expect(contents.map((c) => c.split("\n\n").slice(0, 2))).toEqual([
      ["### disk.full on ins-7", "**ins-7** is down (sre)"],
      ["### disk.full on ins-7", "own text for ins-7"],
    ]);
    const records = await notificationsOf(store, "ops-wecom");
    expect(records.map((r) => [r.status, r.origin.startsWith("delivery ")])).toEqual([
      ["sent", true],
      ["sent", true],
    ]);
  });

  it("sends a group's events as one message", async () => {
    const before = wecom.requests.length;
    const config = await configFrom(
      `kind: Channel\nname: grouped-wecom\ntype: wecom\nformat: text\nurl: "${wecom.url}/cgi-bin/webhook/send?key={{ secrets.WECOM_KEY }}"`,
      `kind: Rule
name: burst
pattern: {source: [burst.test]}
group: {by: "{{ event.type }}", wait: 1m, max: 3}
targets: [{type: notify, channel: grouped-wecom}]`,
    );
    const engine = engineWith(config);
    await ingest(store, engine, clock, "default", ["b1", "b2", "b3"].map((id) => ({ id, source: "burst.test", type: "probe.down", subject: id })));
    await drain(store, clock, engine.handlers);
    expect(wecom.requests.length - before).toBe(1);
    const content = (wecom.requests.at(-1)?.json as { text: { content: string } }).text.content;
    expect(content.split("\n\n").slice(0, 2)).toEqual(["3 events: probe.down on b1", "rule burst: 3 events, the first probe.down from burst.test (b1)"]);
  });

  it("keeps secret values out of every stored row, view and error, even when the vendor echoes them", async () => {
    const config = await configFrom(
      `kind: Channel
name: echo-hook
type: webhook
url: "${echo.url}/hook?token={{ secrets.HOOK_TOKEN }}"
headers: {Authorization: "Bearer {{ secrets.HOOK_TOKEN }}"}
hmacSecret: "{{ secrets.HMAC_KEY }}"`,
      `kind: Rule
name: leaky
pattern: {source: [leak.test]}
targets: [{type: notify, channel: echo-hook, retry: {attempts: 2, backoff: 1s}}]`,
    );
    const engine = engineWith(config);
    const lookups = secrets.lookups.length;
    await ingest(store, engine, clock, "default", [{ id: "l-1", source: "leak.test", type: "t", subject: "s" }]);
    await drain(store, clock, engine.handlers);
    clock.advance(1_000);
    await drain(store, clock, engine.handlers);

    // The receiver did get the secrets (so the test would see them if they leaked) …
    expect(echo.requests).toHaveLength(2);
    expect(echo.requests[0]?.rawQuery).toBe(`?token=${HOOK_TOKEN}`);
    expect(echo.requests[0]?.headers.authorization).toBe(`Bearer ${HOOK_TOKEN}`);
    // … resolved at each attempt, not when the delivery was created.
    expect(secrets.lookups.length - lookups).toBe(2);

    const [delivery] = await deliveriesOf("leaky");
    expect(delivery).toMatchObject({ status: "dead", attempts: 2 });
    expect(delivery?.last_error).toContain("channel 'echo-hook' (webhook) answered HTTP 500: cannot handle /hook?token=*** with *** signed sha256=");
    const stored = JSON.stringify([
      await store.db.selectFrom("deliveries").selectAll().execute(),
      await store.db.selectFrom("delivery_attempts").selectAll().execute(),
      await store.db.selectFrom("notifications").selectAll().execute(),
      await store.db.selectFrom("jobs").selectAll().execute(),
      await store.db.selectFrom("rule_state").selectAll().execute(),
      await engine.deliveries.get(delivery?.id ?? ""),
      await engine.deliveries.list({ limit: 100 }),
    ]);
    for (const secret of [WECOM_KEY, HOOK_TOKEN, HMAC_KEY]) expect(stored).not.toContain(secret);
    expect(stored).toContain("{{ secrets.HOOK_TOKEN }}");
  });

  it("kills a delivery at once when a secret it needs is not set, naming the secret", async () => {
    const config = await configFrom(
      `kind: Channel\nname: unset\ntype: wecom\nurl: "${wecom.url}/cgi-bin/webhook/send?key={{ secrets.NOT_SET_KEY }}"`,
      `kind: Rule
name: unset-secret
pattern: {source: [unset.test]}
targets: [{type: notify, channel: unset, retry: {attempts: 5}}]`,
    );
    const engine = engineWith(config);
    const before = wecom.requests.length;
    await ingest(store, engine, clock, "default", [{ id: "u-1", source: "unset.test", type: "t" }]);
    await drain(store, clock, engine.handlers);
    const [delivery] = await deliveriesOf("unset-secret");
    expect(delivery).toMatchObject({ status: "dead", attempts: 1 });
    expect(delivery?.last_error).toBe("channel 'unset': secret NOT_SET_KEY is not set; set it with `reflex secrets set NAME` (the value is read from stdin)");
    expect(wecom.requests.length).toBe(before);
  });
});
