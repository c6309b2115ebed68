// Every error leaves the API as `application/problem+json` (RFC 9457): a type URI per error
// code, a title, the status, a detail a person can act on, and where known the location of
// the fault (a JSON pointer or file:line:col) and per-item errors.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ReflexError } from "../core/errors.js";
import type { ErrorLocation } from "../core/errors.js";

/** The body of a problem response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  pointer?: string;
  location?: ErrorLocation;
  errors?: { pointer?: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Builds a problem body. */
export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `https://reflex.dev/problems/${code}`, title: TITLES[status] ?? "Error", status, detail, code, ...extra };
}

/** Sends a problem response. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type("application/problem+json").send(body);
}

/** Fastify error handler: maps Reflex errors, validation errors and limits to problems. */
export function problemHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url;
  if (error instanceof ReflexError) {
    const errors = "problems" in error && Array.isArray(error.problems) ? (error.problems as { pointer?: string; message: string }[]) : undefined;
    return sendProblem(
      reply,
      problem(error.status, error.code, error.message, { instance, ...(error.location ? { location: error.location, pointer: error.location.pointer } : {}), ...(errors ? { errors } : {}) }),
    );
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = fe.validation.map((v) => ({ pointer: v.instancePath || undefined, message: `${v.instancePath || fe.validationContext || "request"} ${v.message ?? "is invalid"}` }));
    return sendProblem(reply, problem(400, "invalid_request", `the ${fe.validationContext ?? "request"} is invalid: ${errors.map((e) => e.message).join("; ")}`, { instance, errors }));
  }
  if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return sendProblem(reply, problem(413, "body_too_large", `the request body is larger than this route's limit; split the batch or raise the limit (--max-batch-bytes)`, { instance }));
  }
  if (fe.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return sendProblem(reply, problem(415, "unsupported_media_type", `content type '${request.headers["content-type"] ?? ""}' is not accepted here; send application/json`, { instance }));
  }
  if (fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" || fe.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || error instanceof SyntaxError) {
    return sendProblem(reply, problem(400, "invalid_json", `the body is not valid JSON: ${error.message}`, { instance }));
  }
  const status = typeof fe.statusCode === "number" && fe.statusCode >= 400 ? fe.statusCode : 500;
  if (status >= 500) request.log.error({ err: error }, "request failed");
  const detail = status >= 500 ? "an internal error occurred; the server log has the details" : error.message;
  return sendProblem(reply, problem(status, status >= 500 ? "internal" : "request_error", detail, { instance }));
}
