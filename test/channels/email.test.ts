// The email channel against a real SMTP server on loopback (the `smtp-server` package): the
// connection is upgraded with STARTTLS before the login, the login uses the credentials from
// the environment and the secret store, and the mail arrives with the subject rendered from the
// channel's template and the message as its text. A server that does not offer STARTTLS is
// refused before any password is sent, and a refused login is a permanent failure.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { SMTPServerOptions } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelSender } from "../../src/channels/index.js";
import { systemClock } from "../../src/core/clock.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { ALARM_SUBJECT, NEVER, channelFrom, memorySecrets, notificationsOf } from "./support.js";

/** What the server saw of one session. */
interface Received {
  secureAtAuth: boolean | null;
  user: string | null;
  from: string | null;
  to: string[];
  raw: string;
}

/** An SMTP server on loopback accepting `user`/`pass`, recording every mail. */
async function smtpServer(options: Partial<SMTPServerOptions>): Promise<{ port: number; mails: Received[]; logins: { user: string; secure: boolean }[]; close(): Promise<void> }> {
  const mails: Received[] = [];
  const logins: { user: string; secure: boolean }[] = [];
  const server = new SMTPServer({
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, session, callback) {
      logins.push({ user: auth.username ?? "", secure: session.secure });
      if (auth.username === "reflex@example.com" && auth.password === "smtp-pa55") callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          secureAtAuth: session.secure,
          user: session.user ?? null,
          from: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The value of header `name` in a raw mail (unfolded). */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r\n\r\n/)[0]?.replace(/\r\n[ \t]+/g, " ") ?? "";
  return new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1];
}

/** The body of a raw mail, quoted-printable decoded when it says so. */
function bodyOf(raw: string): string {
  const body = raw.split(/\r\n\r\n/).slice(1).join("\r\n\r\n");
  if (!/quoted-printable/i.test(header(raw, "Content-Transfer-Encoding") ?? "")) return body.replace(/\r\n/g, "\n");
  const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8").replace(/\r\n/g, "\n");
}

let store: Store;
let cleanup: () => Promise<void>;
let starttls: Awaited<ReturnType<typeof smtpServer>>;
let plainOnly: Awaited<ReturnType<typeof smtpServer>>;
const secrets = memorySecrets({ SMTP_PASS: "smtp-pa55" });
const sender = () => new ChannelSender({ store, clock: systemClock, secrets, env: { SMTP_USER: "reflex@example.com" } });

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  starttls = await smtpServer({});
  plainOnly = await smtpServer({ disabledCommands: ["STARTTLS"], allowInsecureAuth: true });
});
afterAll(async () => {
  await Promise.all([starttls.close(), plainOnly.close()]);
  await cleanup();
});

const channelYaml = (name: string, port: number, pass = '"{{ secrets.SMTP_PASS }}"') =>
  [
    "kind: Channel",
    `name: ${name}`,
    "type: email",
    "host: 127.0.0.1",
    `port: ${port}`,
    "security: starttls",
    "verifyCertificate: false",
    `auth: {user: {env: SMTP_USER}, pass: ${pass}}`,
    'from: "Reflex <reflex@example.com>"',
    "to: [oncall@example.com, sre@example.com]",
    `subject: "[{{ event.region }}] {{ message.title }}"`,
  ].join("\n");

describe("email", () => {
  it("upgrades with STARTTLS, logs in, and delivers the mail with the rendered subject and the message as text", async () => {
    const channel = await channelFrom(channelYaml("mail", starttls.port));
    const outcome = await sender().send({ channel, subject: ALARM_SUBJECT, origin: "test", signal: NEVER, rateSlot: "reserved" });
    expect(outcome).toMatchObject({ status: "sent", httpStatus: 250, error: null });
    expect(starttls.logins).toEqual([{ user: "reflex@example.com", secure: true }]);
    const [mail] = starttls.mails;
    expect(mail).toMatchObject({ secureAtAuth: true, user: "reflex@example.com", from: "reflex@example.com", to: ["oncall@example.com", "sre@example.com"] });
    expect(header(mail?.raw ?? "", "Subject")).toBe("[ap-guangzhou] cvm:ErrorEvent:PingUnreachable on ins-1");
    expect(header(mail?.raw ?? "", "From")).toBe("Reflex <reflex@example.com>");
    expect(bodyOf(mail?.raw ?? "").trim()).toBe(
      [
        "rule cvm-ping: cvm:ErrorEvent:PingUnreachable from cvm.cloud.tencent (ins-1)",
        "",
        "Source: cvm.cloud.tencent",
        "Type: cvm:ErrorEvent:PingUnreachable",
        "Subject: ins-1",
        "Time: 2026-01-01T00:00:00.000Z",
        "Region: ap-guangzhou",
        "instanceId: ins-1",
        "load: 97",
        "Rule: cvm-ping",
      ].join("\n"),
    );
    const [record] = await notificationsOf(store, "mail");
    expect(record).toMatchObject({ type: "email", status: "sent", response_status: 250 });
    expect(JSON.parse(record?.request ?? "")).toEqual({
      endpoint: `smtp://127.0.0.1:${starttls.port}`,
      security: "starttls",
      from: "Reflex <reflex@example.com>",
      to: ["oncall@example.com", "sre@example.com"],
      subject: "[ap-guangzhou] cvm:ErrorEvent:PingUnreachable on ins-1",
    });
  });

  it("refuses a server that does not offer STARTTLS, before sending the password", async () => {
    const channel = await channelFrom(channelYaml("mail-plain", plainOnly.port));
    const outcome = await sender().send({ channel, subject: ALARM_SUBJECT, origin: "test", signal: NEVER, rateSlot: "reserved" });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/^channel 'mail-plain' \(email via 127\.0\.0\.1:\d+\) failed \(ETLS\): Error upgrading connection with STARTTLS/);
    expect(plainOnly.logins).toEqual([]);
    expect(plainOnly.mails).toEqual([]);
  });

  it("fails for good when the server refuses the login, naming the settings to check and not the password", async () => {
    const channel = await channelFrom(channelYaml("mail-badpass", starttls.port, "not-the-pa55word"));
    const outcome = await sender().send({ channel, subject: ALARM_SUBJECT, origin: "test", signal: NEVER, rateSlot: "reserved" });
    expect(outcome).toMatchObject({ status: "failed", permanent: true, httpStatus: 535 });
    expect(outcome.error).toContain("(EAUTH)");
    expect(outcome.error).toContain("check the channel's auth.user and auth.pass");
    const [record] = await notificationsOf(store, "mail-badpass");
    expect(JSON.stringify(record)).not.toContain("not-the-pa55word");
  });
});
