// A stand-in for the chat robots a remediation notifies (WeCom, DingTalk, Feishu, Slack, a
// generic webhook), so a drill or a test can point a Reflex channel at the simulator and read
// what people would have been told. It keeps the last 1,000 messages and answers each
// vendor's success shape, so the sender's own checks pass.
import type { ChatVendor } from "./chat-text.js";
import { chatText, chatVendor } from "./chat-text.js";
import type { SimChatMessage } from "./types.js";

/** What the robot answers: a JSON body, or Slack's plain `ok`. */
export type ChatAnswer = { json: Record<string, unknown> } | { text: string };

const ANSWERS: Record<ChatVendor, ChatAnswer> = {
  "wecom-or-dingtalk": { json: { errcode: 0, errmsg: "ok" } },
  feishu: { json: { code: 0, msg: "success", data: {} } },
  slack: { text: "ok" },
  generic: { json: { errcode: 0, errmsg: "ok" } },
};

/** The robot: messages in, newest last. */
export class ChatRobot {
  private readonly kept: SimChatMessage[] = [];

  constructor(
    private readonly limit = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a message posted to `channel`; returns what the vendor would answer. */
  receive(channel: string, body: unknown): ChatAnswer {
    this.kept.push({ channel, text: chatText(body), receivedAt: new Date(this.now()).toISOString(), body });
    if (this.kept.length > this.limit) this.kept.splice(0, this.kept.length - this.limit);
    return ANSWERS[chatVendor(body, channel)];
  }

  /** The messages kept, oldest first; only those of `channel` when given. */
  messages(channel?: string): SimChatMessage[] {
    return this.kept.filter((m) => channel === undefined || m.channel === channel);
  }
}
