// A small client for the HTTP API, used by the CLI. Problems (RFC 9457) become one-line errors
// that say what the server said.
import type { Command } from "commander";
import { ReflexError } from "../core/errors.js";

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
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body) headers["content-type"] = body.contentType;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.url), { method, headers, body: body?.payload });
    } catch (err) {
      const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      throw new ApiError(0, `cannot reach Reflex at ${this.options.url} (${reason}); is it running? (--url or REFLEX_URL)`);
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const detail = typeof parsed === "object" && parsed !== null && "detail" in parsed ? String(parsed.detail) : text;
      throw new ApiError(response.status, `${method} ${path} failed with ${response.status}: ${detail}`);
    }
    return parsed;
  }
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
