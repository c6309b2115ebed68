// The checks on a Probe document that its schema cannot express: an interval of at least a
// second and a timeout that fits inside it, a URL and header names that are valid, header
// templates that compile, a status range the right way round, a body regex that compiles in
// RE2 (linear time, as event patterns' `regex` does), and a host that is a host name or an IP
// address (never something `ping` would read as an option).
import { isIP } from "node:net";
import { RE2JS } from "re2js";
import { parseDuration } from "../../core/duration.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import { formatMs } from "./duration-bounds.js";
import { headerNameProblems, httpUrlProblems } from "./http-fields.js";
import type { ProbeDocument } from "./probe-schema.js";
import { templateProblems } from "./template-check.js";

/** Shortest `interval:`. */
export const MIN_PROBE_INTERVAL_MS = 1000;
/** Longest `interval:`. */
export const MAX_PROBE_INTERVAL_MS = 24 * 3_600_000;
/** Longest `timeout:`. */
export const MAX_PROBE_TIMEOUT_MS = 60_000;
/** Longest `expectBody.matches`. */
export const MAX_BODY_REGEX_LENGTH = 1024;

/** A DNS host name: dot-separated labels of letters, digits, `-` and `_`, not starting with `-`. */
const HOST_NAME = /^(?!-)[A-Za-z0-9_-]{1,63}(?:\.(?!-)[A-Za-z0-9_-]{1,63})*\.?$/;

/** Every problem of a Probe document that fits its schema. */
export function probeProblems(value: ProbeDocument, at: ProblemLocator): ConfigProblem[] {
  const problems = timingProblems(value, at);
  switch (value.type) {
    case "http":
      problems.push(...httpProblems(value, at));
      break;
    case "tcp":
    case "icmp":
      problems.push(...hostProblems(value.host, at));
      break;
  }
  return problems;
}

function timingProblems(value: ProbeDocument, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const interval = value.interval === undefined ? undefined : parseDuration(value.interval);
  if (interval !== undefined && (interval < MIN_PROBE_INTERVAL_MS || interval > MAX_PROBE_INTERVAL_MS)) {
    problems.push(at.problem("/interval", `'interval' must be from ${formatMs(MIN_PROBE_INTERVAL_MS)} to ${formatMs(MAX_PROBE_INTERVAL_MS)} (got ${String(value.interval)})`));
  }
  if (value.timeout === undefined) return problems;
  const timeout = parseDuration(value.timeout);
  if (timeout <= 0 || timeout > MAX_PROBE_TIMEOUT_MS) {
    problems.push(at.problem("/timeout", `'timeout' must be longer than 0s and at most ${formatMs(MAX_PROBE_TIMEOUT_MS)} (got ${String(value.timeout)})`));
  } else if (interval !== undefined && problems.length === 0 && timeout > interval) {
    problems.push(at.problem("/timeout", `'timeout' (${String(value.timeout)}) must not be longer than 'interval' (${String(value.interval)}): a check must end before the next one is due`));
  }
  return problems;
}

type HttpProbeDocument = Extract<ProbeDocument, { type: "http" }>;

function httpProblems(value: HttpProbeDocument, at: ProblemLocator): ConfigProblem[] {
  const problems = httpUrlProblems(value.url, "/url", at);
  problems.push(...headerNameProblems(value.headers, "/headers", at));
  problems.push(...templateProblems(value.headers, "/headers", at));
  const status = value.expectStatus;
  if (Array.isArray(status) && status[0] > status[1]) {
    problems.push(at.problem("/expectStatus", `'expectStatus' is a range [min, max]: ${status[0]} is above ${status[1]}`));
  }
  if (value.method === "HEAD" && value.expectBody !== undefined) {
    problems.push(at.problem("/expectBody", "a HEAD request has no body to check; remove 'expectBody' or use method GET", "key"));
  }
  const regex = value.expectBody?.matches;
  if (regex !== undefined) problems.push(...regexProblems(regex, at));
  return problems;
}

function regexProblems(regex: string, at: ProblemLocator): ConfigProblem[] {
  if (regex.length > MAX_BODY_REGEX_LENGTH) {
    return [at.problem("/expectBody/matches", `'expectBody.matches' is ${regex.length} characters long; the limit is ${MAX_BODY_REGEX_LENGTH}`)];
  }
  try {
    RE2JS.compile(regex);
    return [];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [at.problem("/expectBody/matches", `'expectBody.matches' does not compile (RE2 syntax: no backreferences or lookaround): ${reason}`)];
  }
}

function hostProblems(host: string, at: ProblemLocator): ConfigProblem[] {
  if (isIP(host) !== 0 || HOST_NAME.test(host)) return [];
  return [at.problem("/host", `'${host}' is not a host name or an IP address; write e.g. db-01.internal, 10.0.0.5 or fd00::5 (no scheme, port or path)`)];
}
