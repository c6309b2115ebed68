// Each chat channel type against a loopback stand-in for its vendor that checks the token, the
// signature and the message shape the way the vendor does: the exact payload of the default
// alert message, the signature accepted (DingTalk in the query, Feishu in the body, the webhook's
// HMAC header), and a vendor's "HTTP 200 but refused" answer turned into a failure carrying the
// vendor's own words. Every send is in `notifications` with the answer.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelSender } from "../../src/channels/index.js";
import type { NotifySubject } from "../../src/channels/index.js";
import type { ChannelSpec } from "../../src/config/types.js";
import { systemClock } from "../../src/core/clock.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { ALARM, ALARM_FIELDS_MARKDOWN, ALARM_SUBJECT, NEVER, channelFrom, memorySecrets, notificationsOf } from "./support.js";
import { VendorReceiver, dingtalkReceiver, feishuReceiver, slackReceiver, wecomReceiver } from "./vendor-receivers.js";

let store: Store;
let cleanup: () => Promise<void>;
const wecom = wecomReceiver("wk-123");
const dingtalk = dingtalkReceiver("dt-token", "SECdt-secret");
const feishu = feishuReceiver("fs-token", "fs-secret");
const slack = slackReceiver("/services/T01/B02/slack-token");
const hook = new VendorReceiver(() => ({ status: 204, body: "" }));
const secrets = memorySecrets({ WECOM_KEY: "wk-123", DT_SECRET: "SECdt-secret", FS_SECRET: "fs-secret", SLACK_TOKEN: "slack-token" });

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  await Promise.all([wecom, dingtalk, feishu, slack, hook].map((r) => r.start()));
});
afterAll(async () => {
  await Promise.all([wecom, dingtalk, feishu, slack, hook].map((r) => r.stop()));
  await cleanup();
});

const sender = () => new ChannelSender({ store, clock: systemClock, secrets, env: {}, publicUrl: "https://reflex.example.com" });
const send = (channel: ChannelSpec, subject: NotifySubject = ALARM_SUBJECT) => sender().send({ channel, subject, origin: "test", signal: NEVER, rateSlot: "reserved" });

const TITLE = "cvm:ErrorEvent:PingUnreachable on ins-1";
const SUMMARY = "rule cvm-ping: cvm:ErrorEvent:PingUnreachable from cvm.cloud.tencent (ins-1)";

describe("WeCom", () => {
  it("posts the default alert as markdown to the robot's URL, the key filled in from the secret store", async () => {
    const channel = await channelFrom(`kind: Channel\nname: wecom-md\ntype: wecom\nurl: "${wecom.url}/cgi-bin/webhook/send?key={{ secrets.WECOM_KEY }}"`);
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: "sent", httpStatus: 200, error: null });
    expect(wecom.requests.at(-1)?.json).toEqual({ msgtype: "markdown", markdown: { content: `### ${TITLE}\n\n${SUMMARY}\n\n${ALARM_FIELDS_MARKDOWN}` } });
    const [record] = await notificationsOf(store, "wecom-md");
    expect(record).toMatchObject({ type: "wecom", status: "sent", origin: "test", response_status: 200, response: '{"errcode":0,"errmsg":"ok"}', error: null });
    expect(JSON.parse(record?.request ?? "")).toEqual({ endpoint: wecom.url, msgtype: "markdown", kind: "event", title: TITLE });
  });

  it("sends text with mentions, cut to WeCom's 2048 bytes without splitting a character", async () => {
    const channel = await channelFrom(
      `kind: Channel\nname: wecom-text\ntype: wecom\nformat: text\nurl: "${wecom.url}/cgi-bin/webhook/send?key=wk-123"\nmentions: {users: [zhangsan], mobiles: ["13800000000"], all: true}`,
    );
    const long = "磁盘".repeat(800);
    const outcome = await sender().send({ channel, subject: {}, overrides: { title: "Disk", text: long }, origin: "test", signal: NEVER, rateSlot: "reserved" });
    expect(outcome.status).toBe("sent");
    const body = wecom.requests.at(-1)?.json as { msgtype: string; text: { content: string; mentioned_list: string[]; mentioned_mobile_list: string[] } };
    expect(body.msgtype).toBe("text");
    expect(body.text.mentioned_list).toEqual(["zhangsan", "@all"]);
    expect(body.text.mentioned_mobile_list).toEqual(["13800000000"]);
    expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(2048);
    expect(body.text.content.startsWith("Disk\n\n磁盘磁盘")).toBe(true);
    expect(body.text.content.endsWith("…")).toBe(true);
    expect(body.text.content).not.toContain("\uFFFD");
  });

  it("treats an HTTP 200 answer with errcode ≠ 0 as a failure with WeCom's message", async () => {
    const channel = await channelFrom(`kind: Channel\nname: wecom-bad\ntype: wecom\nurl: "${wecom.url}/cgi-bin/webhook/send?key=wrong-key"`);
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: "failed", httpStatus: 200 });
    expect(outcome.error).toBe("channel 'wecom-bad' (WeCom) refused the message: errcode 93000 (invalid webhook url, hint: [x])");
    const [record] = await notificationsOf(store, "wecom-bad");
    expect(record).toMatchObject({ status: "failed", response_status: 200, error: outcome.error });
  });
});

describe("DingTalk", () => {
  it("signs the URL with timestamp and sign, and posts markdown with the people to mention", async () => {
    const channel = await channelFrom(
      `kind: Channel\nname: dt\ntype: dingtalk\nurl: "${dingtalk.url}/robot/send?access_token=dt-token"\nsecret: "{{ secrets.DT_SECRET }}"\nmentions: {mobiles: ["13800000000"]}`,
    );
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: "sent", httpStatus: 200, response: '{"errcode":0,"errmsg":"ok"}' });
    const request = dingtalk.requests.at(-1);
    expect(request?.json).toEqual({
      msgtype: "markdown",
      markdown: { title: TITLE, text: `### ${TITLE}\n\n${SUMMARY}\n\n${ALARM_FIELDS_MARKDOWN}\n\n@13800000000` },
      at: { atMobiles: ["13800000000"], atUserIds: [], isAtAll: false },
    });
    // The sign is URL-encoded in the query: base64's + / = never appear raw.
    const rawSign = /[?&]sign=([^&]*)/.exec(request?.rawQuery ?? "")?.[1] ?? "";
    expect(rawSign).toMatch(/^[A-Za-z0-9%]+$/);
    const timestamp = request?.query.get("timestamp") ?? "";
    expect(decodeURIComponent(rawSign)).toBe(createHmac("sha256", "SECdt-secret").update(`${timestamp}\nSECdt-secret`).digest("base64"));
  });

  it("fails with DingTalk's words when the signature does not match", async () => {
    const channel = await channelFrom(`kind: Channel\nname: dt-bad\ntype: dingtalk\nformat: text\nurl: "${dingtalk.url}/robot/send?access_token=dt-token"\nsecret: SECnot-the-secret`);
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: "failed", httpStatus: 200, error: "channel 'dt-bad' (DingTalk) refused the message: errcode 310000 (sign not match)" });
    expect(outcome.error).not.toContain("SECnot-the-secret");
  });
});

describe("Feishu", () => {
  it("puts timestamp and sign in the body of a card with the title, the fields and a link button", async () => {
    const channel = await channelFrom(`kind: Channel\nname: fs\ntype: feishu\nurl: "${feishu.url}/open-apis/bot/v2/hook/fs-token"\nsecret: "{{ secrets.FS_SECRET }}"`);
    const execution = { ...ALARM, type: "reflex.execution.failed", subject: "ex-1", data: { executionId: "ex-1", workflow: "cvm.self-heal", status: "failed", durationMs: 185_000, error: "task reboot failed" } };
    const outcome = await send(channel, { event: execution });
    expect(outcome).toMatchObject({ status: "sent", httpStatus: 200 });
    const body = feishu.requests.at(-1)?.json as Record<string, unknown>;
    expect(body.sign).toBe(createHmac("sha256", `${String(body.timestamp)}\nfs-secret`).update("").digest("base64"));
    expect(body).toMatchObject({
      msg_type: "interactive",
      card: {
        header: { title: { tag: "plain_text", content: "Workflow cvm.self-heal failed" } },
        elements: [
          {
            tag: "div",
            text: {
              tag: "lark_md",
              content:
                "execution ex-1 of workflow cvm.self-heal failed after 3 min 5 s: task reboot failed\n\n**Workflow:** cvm.self-heal\n**Status:** failed\n**Duration:** 3 min 5 s\n**Error:** task reboot failed\n**Execution:** ex-1",
            },
          },
          { tag: "action", actions: [{ tag: "button", text: { tag: "plain_text", content: "Open the execution" }, url: "https://reflex.example.com/executions/ex-1", type: "primary" }] },
        ],
      },
    });
  });

  it("treats code ≠ 0 as a failure with Feishu's message", async () => {
    const channel = await channelFrom(`kind: Channel\nname: fs-bad\ntype: feishu\nformat: text\nurl: "${feishu.url}/open-apis/bot/v2/hook/fs-token"\nsecret: wrong`);
    const outcome = await send(channel);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBe("channel 'fs-bad' (Feishu) refused the message: code 19021 (sign match fail or timestamp is not within one hour from current time)");
  });
});

describe("Slack", () => {
  it("posts blocks (header, mrkdwn text, fields, a button) with a plain-text fallback", async () => {
    const channel = await channelFrom(`kind: Channel\nname: sl\ntype: slack\nurl: "${slack.url}/services/T01/B02/{{ secrets.SLACK_TOKEN }}"`);
    const approval = { ...ALARM, type: "reflex.approval.requested", subject: "ap-1", data: { approvalId: "ap-1", executionId: "ex-9", workflow: "cvm.reboot", message: "Reboot **ins-1** <now>? See [the runbook](https://wiki.example.com/rb)" } };
    const outcome = await send(channel, { event: approval });
    expect(outcome).toMatchObject({ status: "sent", httpStatus: 200, response: "ok" });
    expect(slack.requests.at(-1)?.json).toEqual({
      text: "Approval needed: cvm.reboot\n\nReboot **ins-1** <now>? See [the runbook](https://wiki.example.com/rb)\n\nWorkflow: cvm.reboot\nExecution: ex-9\nApproval: ap-1\n\nAnswer: https://reflex.example.com/approvals/ap-1",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Approval needed: cvm.reboot", emoji: true } },
        { type: "section", text: { type: "mrkdwn", text: "Reboot *ins-1* &lt;now&gt;? See <https://wiki.example.com/rb|the runbook>" } },
        {
          type: "section",
          fields: [
            { type: "mrkdwn", text: "*Workflow*\ncvm.reboot" },
            { type: "mrkdwn", text: "*Execution*\nex-9" },
            { type: "mrkdwn", text: "*Approval*\nap-1" },
          ],
        },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Answer" }, url: "https://reflex.example.com/approvals/ap-1" }] },
      ],
    });
  });

  it("reports Slack's error word and status", async () => {
    const channel = await channelFrom(`kind: Channel\nname: sl-bad\ntype: slack\nurl: "${slack.url}/services/T01/B02/revoked"`);
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: "failed", httpStatus: 404, response: "no_service", error: "channel 'sl-bad' (Slack) answered HTTP 404: no_service" });
  });
});

describe("webhook", () => {
  it("posts {rule, event, message} with the message's parts, signed in X-Reflex-Signature", async () => {
    const channel = await channelFrom(`kind: Channel\nname: wh\ntype: webhook\nurl: "${hook.url}/hook"\nheaders: {X-Env: test, Authorization: "Bearer {{ secrets.WECOM_KEY }}"}\nhmacSecret: hook-key`);
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: "sent", httpStatus: 204 });
    const request = hook.requests.at(-1);
    expect(request?.headers["x-reflex-signature"]).toBe(`sha256=${createHmac("sha256", "hook-key").update(request?.body ?? "").digest("hex")}`);
    expect(request?.headers["x-env"]).toBe("test");
    expect(request?.headers.authorization).toBe("Bearer wk-123");
    expect(request?.json).toMatchObject({ rule: "cvm-ping", event: ALARM, message: SUMMARY, title: TITLE, kind: "event" });
    expect((request?.json as { fields: unknown[] }).fields).toHaveLength(8);
  });
});
