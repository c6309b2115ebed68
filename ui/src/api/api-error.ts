// The one error type the console shows: every failed API call becomes an ApiError carrying the
// server's problem+json fields (RFC 9457), or status 0 when the server did not answer at all.

/** A field-level problem the server reported (`errors[]` of a problem). */
export interface ProblemItem {
  pointer?: string;
  message: string;
}

/** A failed API call: the HTTP status and the server's problem details. */
export class ApiError extends Error {
  /** HTTP status; 0 when the request never got an answer (network down, server stopped). */
  readonly status: number;
  /** Short summary, e.g. "Not Found". */
  readonly title: string;
  /** What went wrong and what to change, from the server. */
  readonly detail: string;
  /** The server's stable error code (`not_found`, `unauthorized`, …), or `network`. */
  readonly code: string;
  /** JSON pointer into the request body that caused the error, when known. */
  readonly pointer: string | undefined;
  /** Per-field problems (validation), when the server listed them. */
  readonly errors: readonly ProblemItem[];
  /** The request path that failed. */
  readonly path: string;

  constructor(input: { status: number; title: string; detail: string; code: string; path: string; pointer?: string; errors?: readonly ProblemItem[] }) {
    super(input.detail);
    this.name = "ApiError";
    this.status = input.status;
    this.title = input.title;
    this.detail = input.detail;
    this.code = input.code;
    this.path = input.path;
    this.pointer = input.pointer;
    this.errors = input.errors ?? [];
  }
}

/** True for the error an aborted request throws (unmount, newer request): not worth showing. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** Any thrown value as an ApiError (unknown errors keep their message). */
export function toApiError(error: unknown, path: string): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, title: "Error", detail: message, code: "client", path });
}
