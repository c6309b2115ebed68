// The control API's errors leave as `application/problem+json` (RFC 9457), like Reflex's own
// API: a type per code, a title, the status, a detail a person can act on, and the JSON
// pointer (body) or the query parameter at fault. Fleet refusals map to statuses here:
// NotFound 404, IncorrectState 409 (the instance is in the wrong state for that), the rest 400.
import type { SimOperationError } from "./types.js";

/** A refused control request. */
export class ControlError extends Error {
  override readonly name = "ControlError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly where: { pointer?: string; parameter?: string } = {},
  ) {
    super(message);
  }
}

/** The body of a problem response. */
export interface SimProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  pointer?: string;
  parameter?: string;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  500: "Internal Server Error",
};

/** The problem body for `error`. */
export function problemOf(error: ControlError): SimProblem {
  return {
    type: `https://reflex.dev/problems/sim/${error.code}`,
    title: TITLES[error.status] ?? "Error",
    status: error.status,
    detail: error.message,
    code: error.code,
    ...error.where,
  };
}

/** The ControlError for a fleet refusal. */
export function controlErrorOf(err: SimOperationError): ControlError {
  switch (err.code) {
    case "NotFound":
      return new ControlError(404, "not_found", err.message);
    case "IncorrectState":
      return new ControlError(409, "incorrect_state", err.message);
    case "InvalidParameter":
      return new ControlError(400, "invalid_parameter", err.message);
    case "Unsupported":
      return new ControlError(400, "unsupported", err.message);
  }
}
