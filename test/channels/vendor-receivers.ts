// Loopback stand-ins for the chat vendors, written from the vendors' documentation and not from
// Reflex's code: each checks what its vendor checks (the token in the URL, the signature, the
// message shape) and answers the way its vendor answers — WeCom and DingTalk `{errcode,
// errmsg}`, Feishu `{code, msg}`, Slack `ok` or an error word, all with HTTP 200 for a message
// refused by the vendor except Slack. Every request is recorded for the test to inspect.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request a receiver got. */
export interface VendorRequest {
  path: string;
  /** The query as sent (still percent-encoded). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/** What a receiver answers. */
export interface VendorReply {
  status: number;
  body: string;
}

/** An HTTP server on loopback that records requests and answers with `reply`. */
export class VendorReceiver {
  readonly requests: VendorRequest[] = [];
  url = "";
  private server: Server | null = null;

  constructor(private readonly reply: (request: VendorRequest) => VendorReply) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const target = new URL(req.url ?? "/", "http://receiver");
        const body = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const request = { path: target.pathname, rawQuery: target.search, query: target.searchParams, headers: req.headers, body, json };
        this.requests.push(request);
        const { status, body: answer } = this.reply(request);
        res.writeHead(status, { "content-type": answer.startsWith("{") ? "application/json" : "text/plain" });
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const json = (value: unknown, status = 200): VendorReply => ({ status, body: JSON.stringify(value) });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const HOUR_MS = 3_600_000;

/** WeCom group robot: `POST /cgi-bin/webhook/send?key=<key>`; text ≤ 2048 bytes, markdown ≤ 4096. */
export function wecomReceiver(key: string): VendorReceiver {
  return new VendorReceiver((req) => {
    if (req.path !== "/cgi-bin/webhook/send" || req.query.get("key") !== key) return json({ errcode: 93000, errmsg: "invalid webhook url, hint: [x]" });
    const body = req.json;
    if (!isObject(body)) return json({ errcode: 40035, errmsg: "invalid body" });
    const part = body[String(body.msgtype)];
    if ((body.msgtype !== "text" && body.msgtype !== "markdown") || !isObject(part) || typeof part.content !== "string") return json({ errcode: 40008, errmsg: "invalid message type" });
    const limit = body.msgtype === "text" ? 2048 : 4096;
    if (Buffer.byteLength(part.content) > limit) return json({ errcode: 40058, errmsg: `content exceed max length ${limit}` });
    return json({ errcode: 0, errmsg: "ok" });
  });
}

/** DingTalk robot: `POST /robot/send?access_token=…&timestamp=…&sign=…`, sign = base64(HMAC-SHA256(secret, ts\nsecret)). */
export function dingtalkReceiver(token: string, secret: string): VendorReceiver {
  return new VendorReceiver((req) => {
    if (req.path !== "/robot/send" || req.query.get("access_token") !== token) return json({ errcode: 300001, errmsg: "token is not exist" });
    const timestamp = Number(req.query.get("timestamp"));
    const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > HOUR_MS) return json({ errcode: 310000, errmsg: "invalid timestamp" });
    if (req.query.get("sign") !== expected) return json({ errcode: 310000, errmsg: "sign not match" });
    const body = req.json;
    if (!isObject(body) || (body.msgtype !== "text" && body.msgtype !== "markdown")) return json({ errcode: 40035, errmsg: "missing msgtype" });
    const part = body[body.msgtype];
    const ok = body.msgtype === "text" ? isObject(part) && typeof part.content === "string" : isObject(part) && typeof part.title === "string" && typeof part.text === "string";
    return ok ? json({ errcode: 0, errmsg: "ok" }) : json({ errcode: 40035, errmsg: "missing content" });
  });
}

/** Feishu bot: `POST /open-apis/bot/v2/hook/<token>`, body `timestamp` (s) and sign = base64(HMAC-SHA256(key = ts\nsecret, "")). */
export function feishuReceiver(token: string, secret: string): VendorReceiver {
  return new VendorReceiver((req) => {
    if (req.path !== `/open-apis/bot/v2/hook/${token}`) return json({ code: 19001, msg: "param invalid: incoming webhook access token invalid", data: {} });
    const body = req.json;
    if (!isObject(body)) return json({ code: 9499, msg: "Bad Request", data: {} });
    const timestamp = Number(body.timestamp);
    const expected = createHmac("sha256", `${body.timestamp as string}\n${secret}`).update("").digest("base64");
    if (typeof body.timestamp !== "string" || Math.abs(Date.now() / 1000 - timestamp) > 3600 || body.sign !== expected) {
      return json({ code: 19021, msg: "sign match fail or timestamp is not within one hour from current time", data: {} });
    }
    const card = body.card;
    const ok =
      body.msg_type === "interactive"
        ? isObject(card) && isObject(card.header) && Array.isArray(card.elements)
        : body.msg_type === "text" && isObject(body.content) && typeof body.content.text === "string";
    return ok ? json({ StatusCode: 0, StatusMessage: "success", code: 0, data: {}, msg: "success" }) : json({ code: 9499, msg: "Bad Request", data: {} });
  });
}

/** Slack incoming webhook: `POST /services/<T>/<B>/<secret>`; `ok`, or 4xx with an error word. */
export function slackReceiver(path: string): VendorReceiver {
  return new VendorReceiver((req) => {
    if (req.path !== path) return { status: 404, body: "no_service" };
    const body = req.json;
    if (!isObject(body) || typeof body.text !== "string" || !Array.isArray(body.blocks)) return { status: 400, body: "invalid_payload" };
    return { status: 200, body: "ok" };
  });
}
