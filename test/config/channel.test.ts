// `kind: Channel`: a webhook channel becomes a typed ChannelSpec; an unknown type is refused
// with the list of types (and a suggestion), and bad URLs, header names and periods are
// reported at their file:line:col. The other channel types are tested in test/channels/.
import { describe, expect, it } from "vitest";
import { configOf, placesOf, yaml } from "./fixture.js";

describe("kind: Channel", () => {
  it("loads a webhook channel with every field, and one with none of the optional ones", async () => {
    const config = await configOf({
      "channels.yaml": yaml(
        "kind: Channel",
        "name: ops-webhook",
        "description: the ops room",
        "type: webhook",
        'url: "https://hooks.example.com/ops"',
        "headers: {X-Env: prod}",
        "hmacSecret: {env: OPS_HOOK_KEY}",
        "rateLimit: {rate: 10, per: 1m}",
        "---",
        "kind: Channel",
        "name: plain",
        "type: webhook",
        "url: http://127.0.0.1:9000/hook",
      ),
    });
    expect([...config.channels.values()]).toEqual([
      {
        name: "ops-webhook",
        description: "the ops room",
        type: "webhook",
        url: "https://hooks.example.com/ops",
        headers: { "X-Env": "prod" },
        hmacSecret: { env: "OPS_HOOK_KEY" },
        rateLimit: { rate: 10, perMs: 60_000 },
      },
      { name: "plain", type: "webhook", url: "http://127.0.0.1:9000/hook", headers: {} },
    ]);
    expect(config.origins.get("Channel/plain")?.line).toBe(10);
  });

  it("refuses an unknown channel type with the list of types, and a near typo with a suggestion", async () => {
    const files = {
      "c.yaml": yaml(
        "kind: Channel",
        "name: a",
        "type: teams",
        "url: https://example.webhook.office.com/x",
        "---",
        "kind: Channel",
        "name: b",
        "type: webhok",
        "url: https://x.example",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "c.yaml:3:7 [/type] 'type' must be webhook, wecom, dingtalk, feishu, slack or email (got 'teams')",
      "c.yaml:8:7 [/type] 'type' must be webhook, wecom, dingtalk, feishu, slack or email (got 'webhok'); did you mean 'webhook'?",
    ]);
  });

  it("reports a bad URL, header name, secret, rate or period at its position", async () => {
    const files = {
      "c.yaml": yaml(
        "kind: Channel",
        "name: a",
        "type: webhook",
        "url: mailto:ops@example.com",
        'headers: {"Bad Name": x}',
        "rateLimit: {rate: 5, per: 0s}",
        "---",
        "kind: Channel",
        "name: b",
        "type: webhook",
        "url: https://x.example",
        "hmacSecret: {env: 1BAD}",
        "rateLimit: {rate: 0, per: 1m, burst: 3}",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "c.yaml:4:6 [/url] the URL must use http or https, not 'mailto'",
      "c.yaml:5:11 [/headers/Bad Name] 'Bad Name' is not a valid header name: use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only (no spaces or ':')",
      "c.yaml:6:27 [/rateLimit/per] 'rateLimit.per' must be longer than 0s (got 0s)",
      "c.yaml:12:13 [/hmacSecret] 'hmacSecret' must be a secret: text (which may embed {{ secrets.NAME }}) or {env: VARIABLE_NAME} (got a mapping)",
      "c.yaml:13:19 [/rateLimit/rate] 'rateLimit.rate' must be a whole number of messages, at least 1 (got 0)",
      "c.yaml:13:31 [/rateLimit/burst] unknown field 'burst' in 'rateLimit'; allowed: rate, per",
    ]);
  });
});
