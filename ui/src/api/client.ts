// The console's only way to the server: fetch with the signed-in token, JSON in and out, and
// problem+json answers turned into ApiError. A 401 tells the session (which signs out and sends
// the user to /sign-in); everything else is left to the caller to show.
import { ApiError, isAbort } from "./api-error";

/** Query values; undefined, null and "" are left out of the URL. */
export type QueryValues = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Options of one request. */
export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON unless it is a string (sent as is, with `contentType`). */
  body?: unknown;
  contentType?: string;
  query?: QueryValues;
  signal?: AbortSignal;
  /** Extra headers (e.g. `accept`). */
  headers?: Readonly<Record<string, string>>;
}

interface ClientHooks {
  token: () => string | null;
  onUnauthorized: (error: ApiError) => void;
}

let hooks: ClientHooks = { token: () => null, onUnauthorized: () => undefined };

/** Wires the client to the session (done once by the session provider). */
export function configureClient(next: ClientHooks): void {
  hooks = next;
}

/** `path` with `query` appended (values encoded, empty ones dropped). */
export function withQuery(path: string, query?: QueryValues): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  if (text === "") return path;
  return `${path}${path.includes("?") ? "&" : "?"}${text}`;
}

/** Low-level: performs the request and returns the raw Response after the error checks. */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  const url = withQuery(path, options.query);
  const headers = new Headers(options.headers);
  const token = hooks.token();
  if (token !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
  if (!headers.has("accept")) headers.set("accept", "application/json, application/problem+json");
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers.set("content-type", options.contentType ?? "application/json");
  }
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? "GET", headers, body, signal: options.signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({ status: 0, title: "No answer", detail: `the Reflex server did not answer (${error instanceof Error ? error.message : String(error)}); is it running?`, code: "network", path: url });
  }
  if (!response.ok) {
    const error = await problemOf(response, url);
    if (response.status === 401) hooks.onUnauthorized(error);
    throw error;
  }
  return response;
}

/**
 * Calls the API and returns its JSON answer typed as T (undefined for 204). Throws ApiError.
 * The type is what the caller states: the server's schema (docs/http-api.md) is the contract.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === "") return undefined as T;
  return JSON.parse(text) as T;
}

async function problemOf(response: Response, path: string): Promise<ApiError> {
  let parsed: Record<string, unknown> = {};
  try {
    const text = await response.text();
    const value: unknown = text === "" ? {} : JSON.parse(text);
    if (value !== null && typeof value === "object") parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const str = (key: string): string | undefined => (typeof parsed[key] === "string" ? parsed[key] : undefined);
  const errors = Array.isArray(parsed.errors) ? (parsed.errors as { pointer?: string; message: string }[]).filter((e) => typeof e?.message === "string") : [];
  return new ApiError({
    status: response.status,
    title: str("title") ?? (response.statusText || `HTTP ${response.status}`),
    detail: str("detail") ?? `the server answered ${response.status} ${response.statusText}`.trim(),
    code: str("code") ?? `http_${response.status}`,
    pointer: str("pointer"),
    errors,
    path,
  });
}
