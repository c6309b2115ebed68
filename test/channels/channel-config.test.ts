// `kind: Channel` for every type: each loads into its typed spec with the defaults filled in
// (chat formats, SMTP port and security), and what cannot work is reported at its
// file:line:col — a `{{ … }}` in a secret setting that is not a secret placeholder, a URL that
// is no http(s) URL once its secrets are in, a template that does not parse or reads secrets, a
// bad address, a password over a plain connection, a misspelt field of the type.
import { describe, expect, it } from "vitest";
import { configOf, placesOf, yaml } from "../config/fixture.js";

describe("kind: Channel types", () => {
  it("loads every type, filling in the defaults", async () => {
    const config = await configOf({
      "channels.yaml": yaml(
        "kind: Channel",
        "name: wecom",
        "type: wecom",
        'url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={{ secrets.WECOM_KEY }}"',
        "---",
        "kind: Channel",
        "name: dingtalk",
        "type: dingtalk",
        "url: {env: DINGTALK_URL}",
        'secret: "{{ secrets.\\"dingtalk.secret\\" }}"',
        "format: text",
        "mentions: {mobiles: ['13800000000']}",
        "rateLimit: {rate: 20, per: 1m}",
        "---",
        "kind: Channel",
        "name: feishu",
        "type: feishu",
        "url: https://open.feishu.cn/open-apis/bot/v2/hook/abc",
        "templates: {execution: \"{{ message.title & ' — ' & execution }}\", approval: please answer}",
        "---",
        "kind: Channel",
        "name: slack",
        "type: slack",
        'url: "https://hooks.slack.com/services/{{ secrets.SLACK_PATH }}"',
        "---",
        "kind: Channel",
        "name: mail-465",
        "type: email",
        "host: smtp.example.com",
        "port: 465",
        "auth: {user: reflex, pass: '{{ secrets.SMTP_PASS }}'}",
        "from: reflex@example.com",
        "to: [oncall@example.com]",
        "---",
        "kind: Channel",
        "name: mail-default",
        "type: email",
        "host: smtp.example.com",
        'from: "Reflex <reflex@example.com>"',
        "to: [' oncall@example.com ']",
        "subject: \"{{ '[reflex] ' & message.title }}\"",
      ),
    });
    expect(Object.fromEntries(config.channels)).toEqual({
      wecom: { name: "wecom", type: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={{ secrets.WECOM_KEY }}", format: "markdown" },
      dingtalk: {
        name: "dingtalk",
        type: "dingtalk",
        url: { env: "DINGTALK_URL" },
        secret: '{{ secrets."dingtalk.secret" }}',
        format: "text",
        mentions: { users: [], mobiles: ["13800000000"], all: false },
        rateLimit: { rate: 20, perMs: 60_000 },
      },
      feishu: {
        name: "feishu",
        type: "feishu",
        url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc",
        format: "card",
        templates: { execution: "{{ message.title & ' — ' & execution }}", approval: "please answer" },
      },
      slack: { name: "slack", type: "slack", url: "https://hooks.slack.com/services/{{ secrets.SLACK_PATH }}" },
      "mail-465": {
        name: "mail-465",
        type: "email",
        host: "smtp.example.com",
        port: 465,
        security: "tls",
        verifyCertificate: true,
        auth: { user: "reflex", pass: "{{ secrets.SMTP_PASS }}" },
        from: "reflex@example.com",
        to: ["oncall@example.com"],
      },
      "mail-default": {
        name: "mail-default",
        type: "email",
        host: "smtp.example.com",
        port: 587,
        security: "starttls",
        verifyCertificate: true,
        from: "Reflex <reflex@example.com>",
        to: ["oncall@example.com"],
        subject: "{{ '[reflex] ' & message.title }}",
      },
    });
  });

  it("reports what cannot work at its place", async () => {
    const files = {
      "c.yaml": yaml(
        "kind: Channel",
        "name: a",
        "type: wecom",
        'url: "https://qyapi.weixin.qq.com/send?key={{ event.subject }}"',
        "mentions: {all: true}",
        "templates: {event: '{{ event.( }}', approval: '{{ secrets.TOKEN }}'}",
        "---",
        "kind: Channel",
        "name: b",
        "type: dingtalk",
        'url: "ftp://{{ secrets.HOST }}/robot"',
        "secert: x",
        "---",
        "kind: Channel",
        "name: c",
        "type: email",
        "host: smtp.example.com",
        "security: none",
        "auth: {user: u, pass: p}",
        "from: not an address",
        "to: [ok@example.com, 'two@example.com, three@example.com']",
        "---",
        "kind: Channel",
        "name: d",
        "type: slack",
      ),
    };
    expect(await placesOf(files)).toEqual([
      "c.yaml:4:6 [/url] {{ event.subject }} is not a secret placeholder: a channel setting may only embed {{ secrets.NAME }} (a name of letters, digits, '_', '.' or '-', starting with a letter; write secrets.\"my.name\" for one with '.' or '-')",
      "c.yaml:5:1 [/mentions] WeCom markdown messages cannot mention people; add 'format: text' to mention them",
      "c.yaml:6:20 [/templates/event] template at /templates/event: Expected \")\" before end of expression (S0203) at position 7 in {{ event.( }}",
      "c.yaml:6:47 [/templates/approval] a message template cannot read secrets (it reads secrets.TOKEN): messages are recorded and shown to people; put secrets in the channel's settings instead",
      "c.yaml:12:1 [/secert] unknown field 'secert'; did you mean 'secret'?",
      "c.yaml:18:11 [/security] 'security: none' would send the SMTP password in clear text; use starttls (port 587) or tls (port 465)",
      "c.yaml:20:7 [/from] 'not an address' is not an email address; write e.g. reflex@example.com or \"Reflex <reflex@example.com>\"",
      "c.yaml:21:22 [/to/1] 'two@example.com, three@example.com' is not an email address; write e.g. oncall@example.com",
      "c.yaml:23:1 [/url] missing required field 'url'",
    ]);
  });

  it("checks a URL with placeholders once its secrets are in", async () => {
    const files = { "c.yaml": yaml("kind: Channel", "name: b", "type: dingtalk", 'url: "ftp://example.com/robot?access_token={{ secrets.DT_TOKEN }}"') };
    expect(await placesOf(files)).toEqual([
      "c.yaml:4:6 [/url] 'ftp://example.com/robot?access_token={{ secrets.DT_TOKEN }}' is not an absolute http(s) URL once its secrets are filled in; write it in full, e.g. https://hooks.example.com/path?key={{ secrets.HOOK_KEY }}",
    ]);
  });
});
