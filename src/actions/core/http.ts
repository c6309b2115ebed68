// `core.http`: one HTTP request, the way runbooks call APIs (a health check, a webhook, a
// cloud or CMDB endpoint). The answer becomes the task's result — status, headers and body,
// JSON parsed — so `next` conditions and `retry.when` can test it. A status the task does not
// expect fails the task with the response kept as the result; whether a retry may help
// follows the status (5xx, 408 and 429 yes, other 4xx no). Bounded in time (its own timeout
// and the task's signal) and in size (the body is read up to a limit). Request headers are
// never written to the log (they carry tokens), and URLs are logged without their query.
import { ValidationError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import { pointerSegment } from "../../core/json.js";
import { ActionError } from "../action-error.js";
import type { ActionDefinition } from "../types.js";
import { abortedError } from "./aborted-error.js";
import { readResponse } from "./http-response.js";
import type { HttpResult } from "./http-response.js";

const REF = "core.http";

/** Methods `core.http` sends. */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Request timeout unless the input sets `timeoutMs`. */
export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
/** Longest `timeoutMs` allowed. */
export const MAX_HTTP_TIMEOUT_MS = 600_000;
/** Response body bytes kept unless the input sets `maxResponseBytes`. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Largest `maxResponseBytes` allowed. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Input of `core.http`. */
export type HttpInput = {
  url: string;
  /** Default GET, or POST when there is a body. */
  method?: HttpMethod;
  headers?: Record<string, string>;
  /** A string is sent as it is (text/plain unless a content-type is given); anything else as JSON. */
  body?: JsonValue;
  timeoutMs?: number;
  /** Statuses that count as success; default 200–299. */
  expectStatus?: number | number[];
  /** Follow redirects (default false: a 3xx is the answer). */
  followRedirects?: boolean;
  maxResponseBytes?: number;
};

const status = { type: "integer", minimum: 100, maximum: 599 };

/** `core.http` → `{status, headers, body, truncated}`. */
export const httpAction: ActionDefinition<HttpInput> = {
  ref: REF,
  description: "Sends one HTTP request and returns {status, headers, body, truncated}; an unexpected status fails.",
  inputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["url"],
    properties: {
      url: { type: "string", minLength: 1, maxLength: 8_192, description: "an absolute http or https URL" },
      method: { enum: [...HTTP_METHODS] },
      headers: { type: "object", additionalProperties: { type: "string" } },
      body: { description: "a string sent as is, or any JSON value sent as JSON" },
      timeoutMs: { type: "integer", minimum: 1, maximum: MAX_HTTP_TIMEOUT_MS },
      expectStatus: {
        description: "an HTTP status or a non-empty list of them",
        anyOf: [status, { type: "array", items: status, minItems: 1 }],
      },
      followRedirects: { type: "boolean" },
      maxResponseBytes: { type: "integer", minimum: 0, maximum: MAX_RESPONSE_BYTES },
    },
  },
  // The longest request timeout, and some time to spare; the input's timeoutMs is the real bound.
  timeoutMs: MAX_HTTP_TIMEOUT_MS + 5_000,
  run: async (input, ctx) => {
    const url = parseUrl(input.url);
    const method = input.method ?? (input.body === undefined ? "GET" : "POST");
    const headers = requestHeaders(input.headers ?? {});
    const body = requestBody(method, input.body, headers);
    const timeoutMs = input.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    const where = `${method} ${url.origin}${url.pathname}`;
    if (ctx.signal.aborted) throw abortedError(REF, ctx.signal);
    const timeout = AbortSignal.timeout(timeoutMs);
    const started = performance.now();
    let result: HttpResult;
    try {
      const redirect = input.followRedirects === true ? "follow" : "manual";
      const response = await fetch(url, { method, headers, body, redirect, signal: AbortSignal.any([ctx.signal, timeout]) });
      result = await readResponse(response, input.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    } catch (err) {
      if (ctx.signal.aborted) throw abortedError(REF, ctx.signal);
      if (timeout.aborted) throw new ActionError(`${where} got no complete answer within ${timeoutMs} ms`, { code: "http_timeout", cause: err });
      throw new ActionError(`${where} failed: ${causeText(err)}`, { code: "http_unreachable", cause: err });
    }
    const truncated = result.truncated ? ` (body cut to its first ${input.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES} bytes)` : "";
    ctx.log.info(`${where} → ${result.status} in ${Math.round(performance.now() - started)} ms${truncated}`);
    if (!expected(result.status, input.expectStatus)) {
      throw new ActionError(`${where} answered ${result.status}; expected ${expectation(input.expectStatus)}`, {
        code: "http_status",
        retryable: result.status >= 500 || result.status === 408 || result.status === 429,
        result,
      });
    }
    return result;
  },
};

/** The URL, or a ValidationError at `/url` (the value is not repeated: it may hold a token). */
function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`${REF} input /url: not an absolute URL (write e.g. https://host/path)`, { pointer: "/url" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ValidationError(`${REF} input /url: scheme '${url.protocol.slice(0, -1)}' is not supported; use http or https`, { pointer: "/url" });
  }
  if (url.username !== "" || url.password !== "") {
    throw new ValidationError(`${REF} input /url: credentials in the URL are not sent; put them in an Authorization header`, { pointer: "/url" });
  }
  return url;
}

/** The request headers; a name or value fetch would refuse is a ValidationError at its pointer. */
function requestHeaders(input: Record<string, string>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(input)) {
    try {
      headers.append(name, value);
    } catch {
      throw new ValidationError(`${REF} input /headers/${pointerSegment(name)}: not a valid HTTP header name and value`, { pointer: `/headers/${pointerSegment(name)}` });
    }
  }
  return headers;
}

/** The body as sent, setting a content-type when none is given. */
function requestBody(method: HttpMethod, body: JsonValue | undefined, headers: Headers): string | undefined {
  if (body === undefined) return undefined;
  if (method === "GET" || method === "HEAD") {
    throw new ValidationError(`${REF} input /body: a ${method} request has no body; use POST, PUT or PATCH`, { pointer: "/body" });
  }
  const text = typeof body === "string";
  if (!headers.has("content-type")) headers.set("content-type", text ? "text/plain; charset=utf-8" : "application/json");
  return text ? body : JSON.stringify(body);
}

function expected(status: number, expect: number | number[] | undefined): boolean {
  if (expect === undefined) return status >= 200 && status <= 299;
  return Array.isArray(expect) ? expect.includes(status) : status === expect;
}

function expectation(expect: number | number[] | undefined): string {
  if (expect === undefined) return "200–299";
  return Array.isArray(expect) ? expect.join(" or ") : String(expect);
}

/** Why fetch failed: undici puts the system error (ECONNREFUSED, ENOTFOUND) in `cause`. */
function causeText(err: unknown): string {
  if (err instanceof Error && err.cause instanceof Error) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
