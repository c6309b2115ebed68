// `type: email`: a mail through an SMTP server, sent with nodemailer. The connection is TLS from
// the start (`security: tls`, port 465), upgraded with STARTTLS before anything else is said
// (`starttls`, required: a server that does not offer it is refused), or plain (`none`, never
// with a password). The subject is the message's title (or the channel's `subject` template),
// the body the message as plain text. The server's final reply (`250 …`) is the recorded answer.
import { createTransport } from "nodemailer";
import type { EmailChannelSpec } from "../config/types.js";
import type { ChannelDriver, VendorAnswer } from "./channel-driver.js";
import type { ChannelMessage } from "./message.js";
import { cutChars, plainMessage } from "./message-text.js";

/** Longest subject sent, in characters. */
const SUBJECT_CHARS = 200;

/** The email driver of `channel`. */
export function emailDriver(channel: EmailChannelSpec): ChannelDriver {
  return {
    settings: channel.auth === undefined ? {} : { user: channel.auth.user, pass: channel.auth.pass },
    // The login name is often the sender's own address, shown in every mail.
    shown: ["user"],
    summary: (message) => ({ endpoint: `smtp://${channel.host}:${channel.port}`, security: channel.security, from: channel.from, to: [...channel.to], subject: subjectOf(message) }),
    async send(message, values, context): Promise<VendorAnswer> {
      const vendor = `channel '${channel.name}' (email via ${channel.host}:${channel.port})`;
      const transport = createTransport({
        host: channel.host,
        port: channel.port,
        secure: channel.security === "tls",
        requireTLS: channel.security === "starttls",
        ignoreTLS: channel.security === "none",
        auth: values.user === undefined ? undefined : { user: values.user, pass: values.pass ?? "" },
        tls: { rejectUnauthorized: channel.verifyCertificate },
        connectionTimeout: context.timeoutMs,
        greetingTimeout: context.timeoutMs,
        socketTimeout: context.timeoutMs,
      });
      const abandon = () => transport.close();
      context.signal.addEventListener("abort", abandon, { once: true });
      try {
        const info = await transport.sendMail({ from: channel.from, to: channel.to, subject: subjectOf(message), text: plainMessage(message, false) });
        return { ok: true, permanent: false, httpStatus: replyCode(info.response), response: info.response, error: null };
      } catch (err) {
        if (context.signal.aborted) return { ok: false, permanent: false, httpStatus: null, response: null, error: "the send was abandoned before the server answered (the task was stopped or the worker lost the job)" };
        return smtpFailure(vendor, err);
      } finally {
        context.signal.removeEventListener("abort", abandon);
        transport.close();
      }
    },
  };
}

function subjectOf(message: ChannelMessage): string {
  return cutChars(message.title.replace(/[\r\n]+/g, " "), SUBJECT_CHARS);
}

/** The reply code at the start of an SMTP reply (`250 2.0.0 OK`), or null. */
function replyCode(reply: string | undefined): number | null {
  const code = /^(\d{3})/.exec(reply ?? "");
  return code ? Number(code[1]) : null;
}

/** What a nodemailer error says; a refused login is permanent (the same password fails again). */
function smtpFailure(vendor: string, err: unknown): VendorAnswer {
  const details = err instanceof Error ? (err as Error & { code?: unknown; response?: unknown; responseCode?: unknown }) : undefined;
  const code = typeof details?.code === "string" ? details.code : undefined;
  const response = typeof details?.response === "string" ? details.response : null;
  const httpStatus = typeof details?.responseCode === "number" ? details.responseCode : replyCode(response ?? undefined);
  const reason = err instanceof Error ? err.message : String(err);
  const hint = code === "EAUTH" ? "; check the channel's auth.user and auth.pass" : code === "ETLS" || code === "ESOCKET" ? "; check the channel's security and port (465 is tls, 587 starttls)" : "";
  return { ok: false, permanent: code === "EAUTH", httpStatus, response, error: `${vendor} failed${code === undefined ? "" : ` (${code})`}: ${reason}${hint}` };
}
