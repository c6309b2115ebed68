// What one channel type knows: which of its settings may be secret (resolved by the sender
// just before sending), how a message becomes its vendor's request, how to read the vendor's
// answer, and what of the request may be recorded. The sender does everything around it
// (secrets, rate limit, records), so a new vendor is one file and one line in `driverFor`.
import type { ChannelSecret, ChannelSpec } from "../config/types.js";
import type { JsonObject } from "../core/json.js";
import { dingtalkDriver } from "./dingtalk.js";
import { emailDriver } from "./email.js";
import { feishuDriver } from "./feishu.js";
import type { ChannelMessage, NotifySubject } from "./message.js";
import { slackDriver } from "./slack.js";
import { webhookDriver } from "./webhook.js";
import { wecomDriver } from "./wecom.js";

/** How one send went. `permanent`: sending again cannot help. */
export interface VendorAnswer {
  ok: boolean;
  permanent: boolean;
  /** The HTTP status (or the SMTP reply code); null when nothing came back. */
  httpStatus: number | null;
  /** The start of the vendor's answer. */
  response: string | null;
  error: string | null;
}

/** What a send may use besides the message. */
export interface SendContext {
  /** What the message is about (a webhook channel sends it along). */
  subject: NotifySubject;
  /** Aborted when the caller gives up (the task's timeout, a lost job). */
  signal: AbortSignal;
  /** Now, in epoch milliseconds (signatures carry a timestamp). */
  now: number;
  /** How long the vendor may take. */
  timeoutMs: number;
}

/** Resolved values of a channel's secret settings, by setting name. */
export type SettingValues = Readonly<Record<string, string>>;

/** One channel, ready to send. */
export interface ChannelDriver {
  /** The settings to resolve before each send, by name, as written (e.g. `{url, secret}`). */
  readonly settings: Readonly<Record<string, ChannelSecret>>;
  /** Settings whose values are not secret themselves (a login name); values from the secret store stay hidden. */
  readonly shown?: readonly string[];
  /** Where the message goes and in what form, for the record; never a secret. */
  summary(message: ChannelMessage, values: SettingValues): JsonObject;
  /** Sends `message`; never throws for the vendor's faults. */
  send(message: ChannelMessage, values: SettingValues, context: SendContext): Promise<VendorAnswer>;
}

/** The driver of `channel`'s type. */
export function driverFor(channel: ChannelSpec): ChannelDriver {
  switch (channel.type) {
    case "webhook":
      return webhookDriver(channel);
    case "wecom":
      return wecomDriver(channel);
    case "dingtalk":
      return dingtalkDriver(channel);
    case "feishu":
      return feishuDriver(channel);
    case "slack":
      return slackDriver(channel);
    case "email":
      return emailDriver(channel);
  }
}
