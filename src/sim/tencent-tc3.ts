// Checks a Tencent Cloud API 3.0 request signed with TC3-HMAC-SHA256, the way the cloud does,
// so a loopback server (the simulator, the cloud packs' tests) refuses what the real endpoint
// would refuse. Written from Tencent's "Signature v3" page: the canonical request is
// `METHOD\nURI\nQUERY\nHEADERS\nSIGNED_HEADERS\nhex(sha256(body))`, where HEADERS are the
// signed headers as `name:value\n`, names and values lower-cased and trimmed; the string to
// sign is `TC3-HMAC-SHA256\nTIMESTAMP\nDATE/SERVICE/tc3_request\nhex(sha256(canonical))`; the
// key is HMAC-SHA256 chained over `"TC3" + SecretKey`, DATE, SERVICE, `tc3_request`. DATE is
// the UTC day of `X-TC-Timestamp`, which may differ from the server's clock by five minutes.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** The parts of an HTTP request the signature covers. */
export interface Tc3Request {
  method: string;
  /** The request target as sent: path and query (`/`, `/?Action=…`). */
  url: string;
  /** Header values by name (any case), as Node's `IncomingMessage.headers` has them. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body bytes exactly as received. */
  body: Uint8Array | string;
}

/** How to check a request. */
export interface Tc3Options {
  /** The SecretKey of a SecretId, or undefined when the id is unknown. */
  secretKeyOf(secretId: string): string | undefined;
  /** The server's time, in milliseconds since the epoch. */
  now: number;
  /** Largest difference between `X-TC-Timestamp` and `now`, in seconds (default 300). */
  maxSkewSeconds?: number;
  /**
   * The service the credential scope must name; by default the first label of the Host
   * header (`cvm` for `cvm.tencentcloudapi.com`), not checked when Host is an IP address or a
   * single label.
   */
  service?: string;
}

/** The error codes Tencent Cloud answers for a request that fails authentication. */
export type Tc3FailureCode =
  | "AuthFailure.InvalidAuthorization"
  | "AuthFailure.SecretIdNotFound"
  | "AuthFailure.SignatureExpire"
  | "AuthFailure.SignatureFailure";

/** A signed request's SecretId and scope, or the vendor's code and a reason. */
export type Tc3Verdict =
  | { ok: true; secretId: string; service: string; date: string }
  | { ok: false; code: Tc3FailureCode; message: string };

const ALGORITHM = "TC3-HMAC-SHA256";
const AUTHORIZATION = /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Checks the TC3-HMAC-SHA256 signature of `request`. */
export function verifyTc3(request: Tc3Request, options: Tc3Options): Tc3Verdict {
  const authorization = header(request, "authorization");
  if (authorization === undefined) return fail("AuthFailure.InvalidAuthorization", "the request has no Authorization header");
  const m = AUTHORIZATION.exec(authorization.trim());
  if (!m) return fail("AuthFailure.InvalidAuthorization", `the Authorization header is not of the form '${ALGORITHM} Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=…, Signature=…'`);
  const [, secretId = "", date = "", service = "", signedList = "", signature = ""] = m;

  const stamp = header(request, "x-tc-timestamp");
  if (stamp === undefined || !/^\d{1,12}$/.test(stamp.trim())) return fail("AuthFailure.InvalidAuthorization", "X-TC-Timestamp is missing or not a number of seconds");
  const timestamp = Number(stamp.trim());
  const skew = Math.abs(options.now / 1000 - timestamp);
  if (skew > (options.maxSkewSeconds ?? 300)) {
    return fail("AuthFailure.SignatureExpire", `signature expired: X-TC-Timestamp ${timestamp} is ${Math.round(skew)} s away from the server time ${Math.floor(options.now / 1000)}`);
  }
  const day = new Date(timestamp * 1000).toISOString().slice(0, 10);
  if (date !== day) return fail("AuthFailure.SignatureFailure", `the credential scope date ${date} is not the UTC date of X-TC-Timestamp (${day})`);
  const expected = options.service ?? serviceOfHost(header(request, "host"));
  if (expected !== undefined && service !== expected) return fail("AuthFailure.SignatureFailure", `the credential scope names service '${service}', but the request is for '${expected}'`);

  const signed = signedList.split(";");
  for (const required of ["content-type", "host"]) {
    if (!signed.includes(required)) return fail("AuthFailure.InvalidAuthorization", `SignedHeaders must include ${required}`);
  }
  const missing = signed.find((name) => header(request, name) === undefined);
  if (missing !== undefined) return fail("AuthFailure.InvalidAuthorization", `signed header '${missing}' is not in the request`);

  const secretKey = options.secretKeyOf(secretId);
  if (secretKey === undefined) return fail("AuthFailure.SecretIdNotFound", `the SecretId ${secretId} is not found`);

  const scope = `${date}/${service}/tc3_request`;
  const key = signingKey(secretKey, date, service);
  for (const canonical of canonicalRequests(request, signed)) {
    const toSign = `${ALGORITHM}\n${timestamp}\n${scope}\n${sha256Hex(canonical)}`;
    if (sameHex(hmac(key, toSign).toString("hex"), signature)) return { ok: true, secretId, service, date };
  }
  return fail("AuthFailure.SignatureFailure", "the signature does not match the request; check the SecretKey and how the canonical request is built");
}

/**
 * The canonical requests the signature may cover: the Host header as sent, and — when it
 * carries a port — without it, because some SDKs (Node.js) sign the host name alone.
 */
function canonicalRequests(request: Tc3Request, signed: readonly string[]): string[] {
  const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
  const path = request.url.split("?")[0] || "/";
  const payload = sha256Hex(request.body);
  const build = (host: string): string => {
    const headers = signed.map((name) => `${name}:${name === "host" ? host : (header(request, name) ?? "").trim().toLowerCase()}\n`).join("");
    return `${request.method.toUpperCase()}\n${path}\n${query}\n${headers}\n${signed.join(";")}\n${payload}`;
  };
  const host = (header(request, "host") ?? "").trim().toLowerCase();
  const hostname = withoutPort(host);
  return hostname === host ? [build(host)] : [build(host), build(hostname)];
}

function signingKey(secretKey: string, date: string, service: string): Buffer {
  return hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
}

/** The first label of a DNS host name; undefined for an IP address or a single label. */
function serviceOfHost(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const name = withoutPort(host.trim().toLowerCase());
  if (isIP(name.replace(/^\[|\]$/g, "")) !== 0 || !name.includes(".")) return undefined;
  return name.split(".")[0];
}

function withoutPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.replace(/:\d+$/, "");
}

function header(request: Tc3Request, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return typeof value === "string" ? value : value.join(", ");
  }
  return undefined;
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac("sha256", key).update(text, "utf8").digest();
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function fail(code: Tc3FailureCode, message: string): Tc3Verdict {
  return { ok: false, code, message };
}
