// Checks an Alibaba Cloud RPC-style request signed with signature version 1.0 (HMAC-SHA1), the
// way the POP gateway does, so a loopback server refuses what the real endpoint would refuse.
// Written from Alibaba's "Request syntax and signature method V2 for RPC APIs" page: every
// parameter but `Signature` (query and form body alike) is percent-encoded per RFC 3986
// (only A–Z a–z 0–9 - _ . ~ stay as they are; a space is %20), sorted by name and joined as
// `k=v&…`; the string to sign is `METHOD&%2F&` + the encoding of that query; the signature is
// base64(HMAC-SHA1(AccessKeySecret + "&", string to sign)). `Timestamp` (UTC ISO 8601) must be
// within 15 minutes of the server's clock and `SignatureNonce` must not have been seen before.
import { createHmac, timingSafeEqual } from "node:crypto";

/** A request's method and its parameters, decoded, from the query and the form body. */
export interface AliyunRpcRequest {
  method: string;
  params: Iterable<readonly [string, string]>;
}

/** How to check a request. */
export interface AliyunRpcOptions {
  /** The AccessKey secret of an AccessKey ID, or undefined when the id is unknown. */
  secretOf(accessKeyId: string): string | undefined;
  /** The server's time, in milliseconds since the epoch. */
  now: number;
  /** Largest difference between `Timestamp` and `now`, in milliseconds (default 15 minutes). */
  maxSkewMs?: number;
  /** Records a nonce of an AccessKey ID; returns false when it was already used. */
  useNonce?(accessKeyId: string, nonce: string): boolean;
}

/** A refusal as Alibaba Cloud words it: its error code and the HTTP status it answers with. */
export interface AliyunRpcFailure {
  ok: false;
  code: string;
  message: string;
  status: number;
}

/** A signed request's AccessKey ID, or why it is refused. */
export type AliyunRpcVerdict = { ok: true; accessKeyId: string } | AliyunRpcFailure;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** Checks the signature (v1.0, HMAC-SHA1) of an RPC request. */
export function verifyAliyunRpcSignature(request: AliyunRpcRequest, options: AliyunRpcOptions): AliyunRpcVerdict {
  const params = [...request.params];
  const value = (name: string): string | undefined => params.find(([key]) => key === name)?.[1];
  for (const [name, code] of [["AccessKeyId", "MissingAccessKeyId"], ["Signature", "MissingSignature"], ["Timestamp", "MissingTimestamp"], ["SignatureNonce", "MissingSignatureNonce"]] as const) {
    if (!value(name)) return fail(code, `${name} is mandatory for this action.`, 400);
  }
  if (value("SignatureMethod") !== "HMAC-SHA1" || value("SignatureVersion") !== "1.0") {
    return fail("IncompleteSignature", "The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.", 400);
  }
  const timestamp = parseTimestamp(value("Timestamp") ?? "");
  if (timestamp === undefined) return fail("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", 400);
  if (Math.abs(options.now - timestamp) > (options.maxSkewMs ?? 15 * 60_000)) return fail("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);

  const accessKeyId = value("AccessKeyId") ?? "";
  const secret = options.secretOf(accessKeyId);
  if (secret === undefined) return fail("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
  const expected = aliyunRpcSignature(request.method, params, secret);
  if (!sameText(expected, value("Signature") ?? "")) {
    return fail("SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(request.method, params)}`, 400);
  }
  if (options.useNonce && !options.useNonce(accessKeyId, value("SignatureNonce") ?? "")) {
    return fail("SignatureNonceUsed", "Specified signature nonce was used already.", 400);
  }
  return { ok: true, accessKeyId };
}

/** The signature (base64 HMAC-SHA1) of parameters sent with `method`; `Signature` itself is left out. */
export function aliyunRpcSignature(method: string, params: Iterable<readonly [string, string]>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign(method, params), "utf8").digest("base64");
}

/** RFC 3986 percent-encoding as the signature uses it: only A–Z a–z 0–9 - _ . ~ are left as they are. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function stringToSign(method: string, params: Iterable<readonly [string, string]>): string {
  const pairs = [...params]
    .filter(([name]) => name !== "Signature")
    .map(([name, v]) => [percentEncode(name), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = pairs.map(([name, v]) => `${name}=${v}`).join("&");
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(query)}`;
}

function parseTimestamp(text: string): number | undefined {
  if (!TIMESTAMP.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function fail(code: string, message: string, status: number): AliyunRpcFailure {
  return { ok: false, code, message, status };
}
