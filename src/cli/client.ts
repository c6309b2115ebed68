// A small client for the HTTP API, used by the CLI. Problems (RFC 9457) become one-line errors
// that say what the server said.
import type { Command } from "commander";
import { ReflexError } from "../core/errors.js";
import { readSse } from "./sse-reader.js";
import type { SseMessage } from "./sse-reader.js";

export interface ClientOptions {
  url: string;
  token?: string;
}

export class ApiError extends ReflexError {
  constructor(status: number, message: string) {
    super("api_error", message, { status });
  }
}

export class ApiClient {
  constructor(private readonly options: ClientOptions) {}

  /** Sends a request and returns the parsed JSON answer (or null for 204). */
  async request(method: string, path: string, body?: { contentType: string; payload: string | Buffer }): Promise<unknown> {
    const response = await this.send(method, path, "application/json", body);
    if (response.status === 204) return null;
    const text = await response.text();
    if (!response.ok) throw problemError(method, path, response.status, text);
    return parseJson(text);
  }

  /** Opens a server-sent event stream and yields its events until the server ends it. */
  async *events(path: string): AsyncGenerator<SseMessage> {
    const response = await this.send("GET", path, "text/event-stream");
    if (!response.ok) throw problemError("GET", path, response.status, await response.text());
    if (response.body !== null) yield* readSse(response.body);
  }

  private async send(method: string, path: string, accept: string, body?: { contentType: string; payload: string | Buffer }): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body) headers["content-type"] = body.contentType;
    try {
      return await fetch(new URL(path, this.options.url), { method, headers, body: body?.payload });
    } catch (err) {
      const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new ApiError(0, `cannot reach Reflex at ${this.options.url} (${reason}); is it running? (--url or REFLEX_URL)`);
    }
  }
}

/** The JSON of a body; the text itself when it is not JSON; null when empty. */
function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A failed answer as one line: what was asked, the status, and the problem's detail. */
function problemError(method: string, path: string, status: number, text: string): ApiError {
  const parsed = parseJson(text);
  const detail = typeof parsed === "object" && parsed !== null && "detail" in parsed ? String(parsed.detail) : text;
  return new ApiError(status, `${method} ${path} failed with ${status}: ${detail}`);
}

/** The global options every API command has. */
interface GlobalOptions {
  url: string;
  token?: string;
  json?: boolean;
}

/** A client for the API named by the command's global options, and whether to print JSON. */
export function clientFor(command: Command): { client: ApiClient; json: boolean } {
  const g = command.optsWithGlobals<GlobalOptions>();
  return { client: new ApiClient({ url: g.url, token: g.token }), json: g.json === true };
}
