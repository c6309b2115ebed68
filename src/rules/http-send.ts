// One HTTP request of a delivery: sent with a timeout (and abandoned if the worker loses the
// job), redirects not followed (a 3xx is an answer like any other), and only the start of the
// response body kept for the attempt record.
import type { HttpMethod } from "../config/types.js";

/** Most response bytes kept per attempt. */
export const RESPONSE_EXCERPT_BYTES = 4096;

/** A request ready to send; `body` is the exact text (signatures cover it). */
export interface HttpSend {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came back: a status and the start of the body, or why nothing came back. */
export type HttpAnswer = { status: number; excerpt: string } | { status: null; error: string };

/** Sends `request`; never throws. */
export async function sendHttp(request: HttpSend, timeoutMs: number, jobSignal: AbortSignal): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([timeout, jobSignal]);
  try {
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: "manual", signal });
    return { status: response.status, excerpt: await excerpt(response) };
  } catch (err) {
    if (timeout.aborted) return { status: null, error: `no complete answer from ${request.url} within ${timeoutMs} ms (the target's timeout)` };
    if (jobSignal.aborted) return { status: null, error: "the attempt was abandoned: this worker lost the delivery job (it runs again elsewhere)" };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return { status: null, error: `${request.method} ${request.url} failed${cause || `: ${err instanceof Error ? err.message : String(err)}`}` };
  }
}

/** The first RESPONSE_EXCERPT_BYTES of the body, as text; the rest is not read. */
async function excerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
}
