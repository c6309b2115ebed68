// Typed errors shared by every module. Each carries a stable `code` (for scripts and HTTP
// problem types), a message a person can act on, and where known the location of the fault
// (a JSON pointer into the input, or file:line:col in a config file).

/** Where in some input a problem was found. */
export interface ErrorLocation {
  /** JSON pointer into the offending document, e.g. `/events/3/source`. */
  pointer?: string;
  file?: string;
  line?: number;
  col?: number;
}

/** Base class of Reflex's own errors. */
export class ReflexError extends Error {
  readonly code: string;
  readonly location: ErrorLocation | undefined;
  /** HTTP status this error maps to when it reaches the API. */
  readonly status: number;

  constructor(code: string, message: string, options: { status?: number; location?: ErrorLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.location = options.location;
  }
}

/** The caller sent something invalid; the message says what and where. */
export class ValidationError extends ReflexError {
  constructor(message: string, location?: ErrorLocation, code = "invalid_input") {
    super(code, message, { status: 400, location });
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends ReflexError {
  constructor(what: string, id: string, hint?: string) {
    super("not_found", `${what} '${id}' was not found${hint ? `; ${hint}` : ""}`, { status: 404 });
  }
}

/** The request conflicts with the current state (e.g. a name already taken). */
export class ConflictError extends ReflexError {
  constructor(message: string) {
    super("conflict", message, { status: 409 });
  }
}

/** Formats a location as `file:line:col` or a JSON pointer, for one-line messages. */
export function formatLocation(loc: ErrorLocation | undefined): string {
  if (!loc) return "";
  if (loc.file !== undefined) {
    return [loc.file, loc.line, loc.col].filter((p) => p !== undefined).join(":");
  }
  return loc.pointer ?? "";
}
