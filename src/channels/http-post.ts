// One POST of a message to a vendor's webhook: with a timeout (and abandoned when the caller's
// signal aborts), redirects not followed, and only the start of the answer kept. Chat webhook
// URLs carry their token, so no message made here names the URL; and a vendor that answers
// HTTP 200 with an error in the body (WeCom, DingTalk, Feishu) is judged by the caller's check.
import type { VendorAnswer } from "./channel-driver.js";

/** Most answer bytes kept (and parsed for a vendor's error code). */
export const ANSWER_EXCERPT_BYTES = 4096;

/** A request ready to send; `body` is the exact text (signatures cover it). */
export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What the vendor said in a 2xx body: null when it accepted the message, else its error in words. */
export type BodyCheck = (body: string) => string | null;

/** Posts `request`, judging a 2xx answer with `check`; never throws. `vendor` names it in errors. */
export async function postMessage(request: PostRequest, vendor: string, check: BodyCheck, timeoutMs: number, signal: AbortSignal): Promise<VendorAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let status: number;
  let body: string;
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...request.headers },
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.any([timeout, signal]),
    });
    status = response.status;
    body = await excerpt(response);
  } catch (err) {
    const error = timeout.aborted
      ? `${vendor} gave no complete answer within ${timeoutMs} ms`
      : signal.aborted
        ? "the send was abandoned before an answer came (the task was stopped or the worker lost the job)"
        : `${vendor} could not be reached: ${causeText(err)}`;
    return { ok: false, permanent: false, httpStatus: null, response: null, error };
  }
  if (status < 200 || status > 299) {
    return { ok: false, permanent: false, httpStatus: status, response: body, error: `${vendor} answered HTTP ${status}${body === "" ? "" : `: ${oneLine(body)}`}` };
  }
  const refused = check(body);
  return { ok: refused === null, permanent: false, httpStatus: status, response: body, error: refused === null ? null : `${vendor} refused the message: ${refused}` };
}

/**
 * A check for vendors that answer `{"<codeKey>": 0, "<messageKey>": "ok"}` on success and
 * another code with a message on failure; an answer that is not such JSON is a failure too.
 */
export function codeCheck(codeKey: string, messageKey: string): BodyCheck {
  return (body) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `the answer is not JSON: ${oneLine(body) || "(empty)"}`;
    }
    if (parsed === null || typeof parsed !== "object") return `unexpected answer ${oneLine(body)}`;
    const record = parsed as Record<string, unknown>;
    const code = record[codeKey];
    if (code === 0) return null;
    const message = record[messageKey];
    return `${codeKey} ${String(code)}${typeof message === "string" && message !== "" ? ` (${message})` : ""}`;
  };
}

/** `url` without its path and query (where a chat token sits): `https://qyapi.weixin.qq.com`. */
export function endpointOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(not a URL)";
  }
}

/** At most the first 300 characters of `text`, on one line. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/** Why fetch failed: undici puts the system error (ECONNREFUSED, ENOTFOUND) in `cause`. */
function causeText(err: unknown): string {
  if (err instanceof Error && err.cause instanceof Error) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** The first ANSWER_EXCERPT_BYTES of the body, as text; the rest is not read. */
async function excerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < ANSWER_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, ANSWER_EXCERPT_BYTES).toString("utf8");
}
