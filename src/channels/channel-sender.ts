// The one way a message leaves Reflex through a channel, used by a rule's `notify` target and
// by the `core.notify` action alike: put the message together (defaults, the channel's
// templates, the caller's text), keep to the channel's rate limit, resolve the channel's secret
// settings at the last moment, hand the message to the vendor's driver, and record the send
// with the vendor's answer in `notifications`. Every text recorded or returned is scrubbed of
// the secret values the send used, so a vendor that echoes its URL leaks nothing.
import { setTimeout as delay } from "node:timers/promises";
import { redactor } from "../core/redact.js";
import type { ChannelSpec } from "../config/types.js";
import type { Clock } from "../core/clock.js";
import { newId } from "../core/ids.js";
import type { JsonObject } from "../core/json.js";
import type { SecretResolver } from "../core/secrets.js";
import type { Store } from "../store/open-store.js";
import { writeTransaction } from "../store/write-transaction.js";
import { driverFor } from "./channel-driver.js";
import type { VendorAnswer } from "./channel-driver.js";
import { ChannelSettingError, resolveSettings } from "./channel-settings.js";
import { ChannelTemplateError, composeMessage } from "./compose-message.js";
import type { ChannelMessage, MessageOverrides, NotifySubject } from "./message.js";
import { insertNotification } from "./notification-log.js";
import type { NotificationStatus } from "./notification-log.js";
import { takeChannelSlot } from "./rate-limit.js";

/** How long a vendor may take to answer unless the sender is told otherwise. */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/** What the sender needs. */
export interface ChannelSenderOptions {
  store: Store;
  clock: Clock;
  /** Where `{{ secrets.NAME }}` placeholders of channel settings are looked up. */
  secrets: SecretResolver;
  /** Where `{env: NAME}` settings are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** Base of the links in messages (`https://reflex.example.com`); none: messages carry no links. */
  publicUrl?: string;
  timeoutMs?: number;
}

/** One message to send. */
export interface SendRequest {
  channel: ChannelSpec;
  subject: NotifySubject;
  overrides?: MessageOverrides;
  /** What sends it, for the record: `delivery <id>`, `execution <id> task <id>`. */
  origin: string;
  signal: AbortSignal;
  /**
   * The channel's rate limit: `reserved` when the send already has its slot (a rule's delivery
   * is scheduled at it); otherwise the send takes the next slot, waiting for it at most
   * `maxWaitMs`, and is refused (`limited`) when the slot is further off.
   */
  rateSlot: "reserved" | { maxWaitMs: number };
}

/** How a send went. */
export interface SendOutcome {
  /** The id of its record in `notifications`. */
  id: string;
  status: NotificationStatus;
  /** Sending the same again cannot succeed (a template, a setting, a refused login). */
  permanent: boolean;
  /** HTTP status or SMTP reply code. */
  httpStatus: number | null;
  response: string | null;
  error: string | null;
  /** When `limited`: the channel's next free slot (epoch ms). */
  retryAt?: number;
}

/** Sends messages through channels and records every send. */
export class ChannelSender {
  private readonly timeoutMs: number;

  constructor(private readonly options: ChannelSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  }

  /** Sends one message; resolves with the outcome (recorded), rejecting only when the store fails. */
  async send(request: SendRequest): Promise<SendOutcome> {
    const { channel } = request;
    const { clock, store } = this.options;
    const started = performance.now();
    const record = (status: NotificationStatus, summary: JsonObject, answer: Omit<VendorAnswer, "ok">, hide: (text: string) => string = (t) => t) =>
      this.record(request, status, summary, answer, Math.round(performance.now() - started), hide);

    let message: ChannelMessage;
    try {
      message = await composeMessage({ channel, subject: request.subject, overrides: request.overrides ?? {}, publicUrl: this.options.publicUrl, now: clock.now() });
    } catch (err) {
      if (!(err instanceof ChannelTemplateError)) throw err;
      return record("failed", {}, failure(err.message, true));
    }
    const brief = { kind: message.kind, title: message.title };

    const limit = channel.rateLimit;
    if (limit && request.rateSlot !== "reserved") {
      const { maxWaitMs } = request.rateSlot;
      const now = clock.now();
      const slot = await writeTransaction(store, (db) => takeChannelSlot(db, store.dialect.supportsSkipLocked, channel.name, limit, now, maxWaitMs));
      if ("refusedUntil" in slot) {
        const error = `channel '${channel.name}' is at its rate limit (${limit.rate} per ${limit.perMs / 1000} s); its next free slot is in ${Math.ceil((slot.refusedUntil - now) / 1000)} s`;
        return { ...(await record("limited", brief, failure(error, false))), retryAt: slot.refusedUntil };
      }
      if (slot.sendAt > now) {
        try {
          await delay(slot.sendAt - now, undefined, { signal: request.signal });
        } catch {
          return record("failed", brief, failure("the send was abandoned while waiting for the channel's rate limit (the task was stopped or the worker lost the job)", false));
        }
      }
    }

    const driver = driverFor(channel);
    let values: Readonly<Record<string, string>>;
    let hide: (text: string) => string;
    try {
      const resolved = await resolveSettings(channel.name, driver.settings, driver.shown ?? [], this.options.secrets, this.options.env);
      values = resolved.values;
      hide = redactor(resolved.hidden);
    } catch (err) {
      if (!(err instanceof ChannelSettingError)) throw err;
      return record("failed", brief, failure(err.message, true));
    }
    const answer = await driver.send(message, values, { subject: request.subject, signal: request.signal, now: clock.now(), timeoutMs: this.timeoutMs });
    return record(answer.ok ? "sent" : "failed", driver.summary(message, values), answer, hide);
  }

  /** Stores the record of a send, every text scrubbed by `hide`, and returns the outcome. */
  private async record(request: SendRequest, status: NotificationStatus, summary: JsonObject, answer: Omit<VendorAnswer, "ok">, durationMs: number, hide: (text: string) => string): Promise<SendOutcome> {
    const now = this.options.clock.now();
    const id = newId(now);
    const response = answer.response === null ? null : hide(answer.response);
    const error = answer.error === null ? null : hide(answer.error);
    await insertNotification(this.options.store.db, {
      id,
      channel: request.channel.name,
      type: request.channel.type,
      origin: request.origin,
      status,
      request: hide(JSON.stringify(summary)),
      response_status: answer.httpStatus,
      response,
      error,
      duration_ms: durationMs,
      created_ms: now,
    });
    return { id, status, permanent: answer.permanent, httpStatus: answer.httpStatus, response, error };
  }
}

function failure(error: string, permanent: boolean): Omit<VendorAnswer, "ok"> {
  return { permanent, httpStatus: null, response: null, error };
}
